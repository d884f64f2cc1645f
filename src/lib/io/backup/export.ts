/**
 * Full backup: every table of the shop → one CSV each (lossless, see csv/cells.ts) + manifest.json
 * (app and schema version, row counts, SHA-256 per file) → one .zip, optionally encrypted.
 * Runs in the backup worker; nothing here touches the page.
 */
import { readShop } from '../../db/commands/backup';
import type { ShopDB } from '../../db/shop-db';
import { localDateOf } from '../../domain/clock';
import { SETTINGS_KEY } from '../../domain/settings';
import { BACKUP_TABLES, fileOf, headerOf, tableSpec } from '../csv/backup-columns';
import { BOM } from '../csv/csv-text';
import { rowsToCsv } from '../csv/rows';
import { encryptBackup, sha256Hex } from './crypto';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_SCHEMA_VERSION,
  MANIFEST_FILE,
  manifestJson,
  type Manifest,
} from './manifest';
import { packZip } from './zip';

export interface EncodedTables {
  files: Map<string, Uint8Array<ArrayBuffer>>;
  rows: Record<string, number>;
  storeName: string;
}

export type Progress = (done: number, total: number) => void;

function concat(parts: readonly Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Every table as CSV bytes (UTF-8 with BOM, CRLF), read in one consistent snapshot. */
export async function encodeTables(db: ShopDB, onProgress?: Progress): Promise<EncodedTables> {
  const encoder = new TextEncoder();
  const parts = new Map<string, { chunks: Uint8Array[]; length: number }>();
  for (const spec of BACKUP_TABLES) {
    const head = encoder.encode(BOM + rowsToCsv(spec, [], true));
    parts.set(spec.table, { chunks: [head], length: head.length });
  }
  let storeName = '';
  let done = 0;
  const rows = await readShop(
    db,
    BACKUP_TABLES.map((t) => t.table),
    (table, chunk, totals) => {
      const spec = tableSpec(table);
      const part = parts.get(table);
      if (!spec || !part) throw new Error(`unknown table ${table}`);
      const bytes = encoder.encode(rowsToCsv(spec, chunk, false));
      part.chunks.push(bytes);
      part.length += bytes.length;
      if (table === 'settings') {
        const shop = chunk.find((r) => r.key === SETTINGS_KEY)?.value as { storeName?: unknown } | undefined;
        if (typeof shop?.storeName === 'string') storeName = shop.storeName;
      }
      done += chunk.length;
      onProgress?.(
        done,
        Object.values(totals).reduce((a, b) => a + b, 0),
      );
    },
  );
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const [table, part] of parts) files.set(table, concat(part.chunks, part.length));
  return { files, rows, storeName };
}

export interface BackupOptions {
  now: number;
  appVersion: string;
  /** Encrypt with this passphrase (PBKDF2 → AES-256-GCM); null for a plain zip. */
  passphrase: string | null;
  onProgress?: Progress;
  /** Called once every row is read, before checksums, zipping and encryption. */
  onPacking?: (rows: number) => void;
}

export interface BackupResult {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  manifest: Manifest;
  encrypted: boolean;
}

export async function buildBackup(db: ShopDB, opts: BackupOptions): Promise<BackupResult> {
  const encoded = await encodeTables(db, opts.onProgress);
  opts.onPacking?.(Object.values(encoded.rows).reduce((a, b) => a + b, 0));
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: opts.appVersion,
    schemaVersion: BACKUP_SCHEMA_VERSION,
    createdAt: opts.now,
    createdAtIso: new Date(opts.now).toISOString(),
    storeName: encoded.storeName,
    encoding: 'utf-8',
    tables: [],
  };
  const entries: [string, Uint8Array][] = [];
  for (const spec of BACKUP_TABLES) {
    const bytes = encoded.files.get(spec.table) ?? new Uint8Array();
    manifest.tables.push({
      table: spec.table,
      file: fileOf(spec.table),
      rows: encoded.rows[spec.table] ?? 0,
      bytes: bytes.length,
      sha256: await sha256Hex(bytes as Uint8Array<ArrayBuffer>),
      columns: headerOf(spec),
    });
    entries.push([fileOf(spec.table), bytes]);
  }
  entries.unshift([MANIFEST_FILE, new TextEncoder().encode(manifestJson(manifest))]);
  const zip = packZip(entries, opts.now);
  const encrypted = opts.passphrase !== null && opts.passphrase !== '';
  const bytes = encrypted ? await encryptBackup(zip, opts.passphrase ?? '') : zip;
  return { bytes, manifest, encrypted, fileName: backupFileName(encoded.storeName, opts.now, encrypted) };
}

/** 会员宝-backup-<store>-<YYYYMMDD-HHmm>.zip (local time); characters file systems refuse are dropped. */
export function backupFileName(storeName: string, now: number, encrypted: boolean): string {
  const store = storeName
    .replace(/[\\/:*?"<>|]/g, '')
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/g, '_')
    .slice(0, 40);
  const d = new Date(now);
  const stamp = `${localDateOf(now).replace(/-/g, '')}-${String(d.getHours()).padStart(2, '0')}${String(d.getMinutes()).padStart(2, '0')}`;
  return `会员宝-backup-${store ? store + '-' : ''}${stamp}.zip${encrypted ? '.enc' : ''}`;
}
