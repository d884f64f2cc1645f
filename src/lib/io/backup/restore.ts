/**
 * Restore, in two steps, both in the backup worker:
 *  1. inspectBackup: read and check EVERYTHING — the container (zip, or encrypted zip), the manifest
 *     (format, schema version: newer is refused), each file's SHA-256, every row of every table (cells,
 *     dates, money, primary and unique keys), and the row counts. Nothing is written.
 *  2. restoreIntoFreshDb: write the checked rows into a NEW database, chunk by chunk, then verify it
 *     (row counts, and the tables re-exported byte for byte against the manifest's checksums). On any
 *     failure the new database is deleted. The caller switches to it (db/active.ts) only on success.
 */
import { tableCounts } from '../../db/queries/backup';
import { deleteShopDb, openFreshShop, writeRestoredRows, type RestoreAccess } from '../../db/commands/restore';
import type { ShopDB } from '../../db/shop-db';
import { BACKUP_REFERENCES, BACKUP_TABLES, fileOf, type TableSpec } from '../csv/backup-columns';
import { IssueError, IssueList, type Issue } from '../csv/issues';
import { detectNewline, readRecords, startsWithUtf8Bom } from '../csv/read-records';
import { rowDecoder, type Row } from '../csv/rows';
import { decryptBackup, isEncryptedBackup, sha256Hex } from './crypto';
import { encodeTables, type Progress } from './export';
import { BACKUP_SCHEMA_VERSION, MANIFEST_FILE, parseManifest, type Manifest } from './manifest';
import { unpackZip } from './zip';
import { BACKUP_MIGRATIONS, migrateHeader, migrateRow, migrationPath, type BackupMigration } from './migrations';

export interface InspectedBackup {
  manifest: Manifest;
  encrypted: boolean;
  /** CSV bytes per table. */
  files: Map<string, Uint8Array<ArrayBuffer>>;
  /** Rows per table, as counted while checking. */
  counts: Record<string, number>;
  /** Tables whose header is exactly today's layout (a re-export must then match the checksum). */
  canonical: Set<string>;
  /** The migration steps from the backup's schema to the app's (none when they are the same). */
  migrations: BackupMigration[];
}

export type InspectResult = { ok: true; backup: InspectedBackup } | { ok: false; issues: IssueList };

export interface InspectOptions {
  /** The chosen file's name, for messages about the container. */
  fileName: string;
  passphrase: string | null;
  onProgress?: Progress;
  appSchemaVersion?: number;
  /** Test hook: the migration steps known (BACKUP_MIGRATIONS). */
  migrations?: readonly BackupMigration[];
  chunkBytes?: number;
}

function fail(issues: IssueList, e: unknown): InspectResult {
  if (e instanceof IssueError) {
    issues.add(e.issue);
    return { ok: false, issues };
  }
  throw e;
}

export async function inspectBackup(
  input: Uint8Array<ArrayBuffer>,
  opts: InspectOptions,
): Promise<InspectResult> {
  const issues = new IssueList();
  const file = opts.fileName;
  const appSchema = opts.appSchemaVersion ?? BACKUP_SCHEMA_VERSION;
  const steps = opts.migrations ?? BACKUP_MIGRATIONS;
  let manifest: Manifest;
  let entries: Map<string, Uint8Array<ArrayBuffer>>;
  let encrypted = false;
  try {
    if (input.length === 0) throw new IssueError({ code: 'emptyFile', file, row: null, field: null });
    let zip = input;
    if (isEncryptedBackup(input)) {
      encrypted = true;
      zip = await decryptBackup(input, opts.passphrase, file);
    }
    entries = unpackZip(zip, file);
    const manifestBytes = entries.get(MANIFEST_FILE);
    if (!manifestBytes) throw new IssueError({ code: 'notBackup', file, row: null, field: null });
    manifest = parseManifest(
      new TextDecoder().decode(manifestBytes),
      appSchema,
      (from) => migrationPath(from, appSchema, steps) !== null,
    );
  } catch (e) {
    return fail(issues, e);
  }
  const migrations = migrationPath(manifest.schemaVersion, appSchema, steps) ?? [];

  // Every file listed, nothing else, and each one exactly the bytes that were written.
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const name of entries.keys())
    if (name !== MANIFEST_FILE && !manifest.tables.some((t) => t.file === name))
      issues.add({ code: 'unknownFile', file: name, row: null, field: null });
  for (const t of manifest.tables) {
    const bytes = entries.get(t.file);
    if (!bytes) {
      issues.add({ code: 'fileMissing', file: t.file, row: null, field: null });
      continue;
    }
    if (bytes.length !== t.bytes || (await sha256Hex(bytes)) !== t.sha256) {
      issues.add({ code: 'checksum', file: t.file, row: null, field: null });
      continue;
    }
    files.set(t.table, bytes);
  }
  if (!issues.ok) return { ok: false, issues };

  // Every row of every table.
  const total = manifest.tables.reduce((s, t) => s + t.rows, 0);
  let done = 0;
  const counts: Record<string, number> = {};
  const canonical = new Set<string>();
  const references = referenceCheck(issues);
  for (const spec of BACKUP_TABLES) {
    const bytes = files.get(spec.table);
    const listed = manifest.tables.find((t) => t.table === spec.table);
    if (!bytes || !listed) continue;
    const seen = new Map<string, Set<unknown>>([
      [spec.key, new Set()],
      ...spec.unique.map((u) => [u, new Set()] as [string, Set<unknown>]),
    ]);
    let rows = 0;
    const ok = forEachRow(
      spec,
      bytes,
      issues,
      { chunkBytes: opts.chunkBytes, migrations },
      (row, rowNo) => {
        rows += 1;
        references.row(spec, row, rowNo);
        for (const [field, values] of seen) {
          const v = row[field];
          if (v === undefined || v === null) continue;
          if (values.has(v))
            issues.add({
              code: 'duplicateKey',
              file: fileOf(spec.table),
              row: rowNo,
              field,
              value: String(v),
            });
          values.add(v);
        }
      },
      (n) => {
        done += n;
        opts.onProgress?.(done, total);
      },
    );
    references.tableDone(spec.table);
    if (ok === null) continue;
    // Written the way this app writes (layout, BOM, CRLF, schema): a re-export must then give the same bytes.
    if (ok.canonical && migrations.length === 0 && startsWithUtf8Bom(bytes) && detectNewline(bytes) === '\r\n')
      canonical.add(spec.table);
    counts[spec.table] = rows;
    if (rows !== listed.rows)
      issues.add({
        code: 'rowCount',
        file: fileOf(spec.table),
        row: null,
        field: null,
        detail: `${rows}/${listed.rows}`,
      });
  }
  references.finish();
  if (!issues.ok) return { ok: false, issues };
  return { ok: true, backup: { manifest, encrypted, files, counts, canonical, migrations } };
}

/**
 * Every reference between tables (BACKUP_REFERENCES) names a row that is in the backup. Keys are kept
 * only of the tables referred to; a reference to a table not read yet (its own, for a referrer or a
 * refund's sale) waits for the end.
 */
function referenceCheck(issues: IssueList) {
  const targets = new Set(Object.values(BACKUP_REFERENCES).flatMap((fields) => Object.values(fields)));
  const keys = new Map<string, Set<unknown>>([...targets].map((t) => [t, new Set()]));
  const done = new Set<string>();
  const later: { table: string; rowNo: number; field: string; value: unknown; target: string }[] = [];
  const found: Issue[] = [];
  const dangling = (table: string, rowNo: number, field: string, value: unknown, target: string) =>
    found.push({ code: 'danglingReference', file: fileOf(table), row: rowNo, field, value: String(value), detail: fileOf(target) });
  return {
    row(spec: TableSpec, row: Row, rowNo: number) {
      keys.get(spec.table)?.add(row[spec.key]);
      for (const [field, target] of Object.entries(BACKUP_REFERENCES[spec.table] ?? {})) {
        const value = row[field];
        if (value === null || value === undefined || value === '') continue;
        if (done.has(target)) {
          if (!keys.get(target)?.has(value)) dangling(spec.table, rowNo, field, value, target);
        } else later.push({ table: spec.table, rowNo, field, value, target });
      }
    },
    /** Reported only when every row read well: a bad row would otherwise echo as dangling ones. */
    finish() {
      for (const r of later) if (!keys.get(r.target)?.has(r.value)) dangling(r.table, r.rowNo, r.field, r.value, r.target);
      if (issues.ok) for (const issue of found) issues.add(issue);
    },
    /** Called as each table's reading ends. */
    tableDone(table: string) {
      done.add(table);
    },
  };
}

/**
 * Decode a table's CSV row by row (chunk by chunk): `onRow` gets each good row, `onChunk` the number of
 * records read. Returns null when the header itself is unreadable.
 */
function forEachRow(
  spec: TableSpec,
  bytes: Uint8Array,
  issues: IssueList,
  { chunkBytes, migrations }: { chunkBytes: number | undefined; migrations: readonly BackupMigration[] },
  onRow: (row: Row, rowNo: number) => void,
  onChunk: (records: number) => void,
): { canonical: boolean } | null {
  const file = fileOf(spec.table);
  const before = issues.total;
  let decoder: ReturnType<typeof rowDecoder> | undefined;
  for (const chunk of readRecords(bytes, { file, chunkBytes }, issues)) {
    let start = 0;
    if (chunk.first === 0) {
      decoder = rowDecoder(spec, migrateHeader(spec.table, chunk.records[0] ?? [], migrations), file, issues);
      if (!decoder) return null;
      start = 1;
    }
    if (!decoder) return null;
    for (let i = start; i < chunk.records.length; i++) {
      const rowNo = chunk.first + i;
      const row = decoder.decode(chunk.records[i] ?? [], rowNo);
      if (row) onRow(migrateRow(spec.table, row, migrations), rowNo);
    }
    onChunk(chunk.records.length - start);
  }
  if (!decoder) {
    if (issues.total === before) issues.add({ code: 'headerMissing', file, row: null, field: null });
    return null;
  }
  return { canonical: decoder.canonical };
}

/** Rows of one table in chunks (for writing); the backup has been inspected, so no issue is expected. */
export function* rowChunks(
  spec: TableSpec,
  bytes: Uint8Array,
  chunkBytes?: number,
  migrations: readonly BackupMigration[] = [],
): Generator<Row[]> {
  const issues = new IssueList();
  const file = fileOf(spec.table);
  let decoder: ReturnType<typeof rowDecoder> = null;
  for (const chunk of readRecords(bytes, { file, chunkBytes }, issues)) {
    let start = 0;
    if (chunk.first === 0) {
      decoder = rowDecoder(spec, migrateHeader(spec.table, chunk.records[0] ?? [], migrations), file, issues);
      start = 1;
    }
    const rows: Row[] = [];
    for (let i = start; i < chunk.records.length; i++) {
      const row = decoder?.decode(chunk.records[i] ?? [], chunk.first + i);
      if (row) rows.push(migrateRow(spec.table, row, migrations));
    }
    if (!issues.ok)
      throw new IssueError(issues.items[0] ?? { code: 'manifestInvalid', file, row: null, field: null });
    yield rows;
  }
}

export class RestoreVerifyError extends Error {
  constructor(
    readonly table: string,
    readonly what: 'count' | 'checksum',
  ) {
    super(`restored ${table} does not match the backup (${what})`);
    this.name = 'RestoreVerifyError';
  }
}

export interface RestoreOptions {
  onProgress?: (phase: 'writing' | 'verifying', done: number, total: number) => void;
  /** Test hook: called after each written chunk (throw to simulate a failure mid-write). */
  afterChunk?: (table: string, rowsWritten: number) => void | Promise<void>;
  chunkBytes?: number;
}

/**
 * Write an inspected backup into a fresh database named `freshName` and verify it. Resolves with the
 * row counts; on any failure deletes that database and rethrows. The active database is never touched.
 */
export async function restoreIntoFreshDb(
  backup: InspectedBackup,
  freshName: string,
  access: RestoreAccess,
  opts: RestoreOptions = {},
): Promise<Record<string, number>> {
  const target: ShopDB = await openFreshShop(freshName, access);
  try {
    const total = Object.values(backup.counts).reduce((a, b) => a + b, 0);
    let done = 0;
    for (const spec of BACKUP_TABLES) {
      const bytes = backup.files.get(spec.table);
      if (!bytes) continue;
      for (const rows of rowChunks(spec, bytes, opts.chunkBytes, backup.migrations)) {
        await writeRestoredRows(target, spec.table, rows);
        done += rows.length;
        opts.onProgress?.('writing', done, total);
        await opts.afterChunk?.(spec.table, done);
      }
    }
    const counts = await tableCounts(
      target,
      BACKUP_TABLES.map((t) => t.table),
    );
    for (const spec of BACKUP_TABLES)
      if ((counts[spec.table] ?? 0) !== (backup.counts[spec.table] ?? 0))
        throw new RestoreVerifyError(spec.table, 'count');
    const again = await encodeTables(target, (d, t) => opts.onProgress?.('verifying', d, t));
    for (const t of backup.manifest.tables) {
      if (!backup.canonical.has(t.table)) continue;
      const bytes = again.files.get(t.table);
      if (!bytes || (await sha256Hex(bytes)) !== t.sha256) throw new RestoreVerifyError(t.table, 'checksum');
    }
    target.close();
    return counts;
  } catch (e) {
    await deleteShopDb(target);
    throw e;
  }
}
