/** The backup's manifest.json: what the zip holds and how to check it. */
import { BACKUP_TABLES, fileOf } from '../csv/backup-columns';
import { IssueError } from '../csv/issues';

export const BACKUP_FORMAT = 'huiyuanbao-backup';
/** The layout of the zip and the cell codec; a newer one is refused. */
export const BACKUP_FORMAT_VERSION = 1;
/** ShopDB's schema version these tables are written in (an integration test checks it equals db.verno). */
export const BACKUP_SCHEMA_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

export interface ManifestTable {
  table: string;
  file: string;
  rows: number;
  bytes: number;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  columns: string[];
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  schemaVersion: number;
  /** Epoch ms and the same instant as ISO text (for people reading the file). */
  createdAt: number;
  createdAtIso: string;
  storeName: string;
  encoding: 'utf-8';
  tables: ManifestTable[];
}

export function manifestJson(m: Manifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const invalid = (detail: string) =>
  new IssueError({ code: 'manifestInvalid', file: MANIFEST_FILE, row: null, field: detail, detail });

/**
 * Parse and check a manifest: the format, versions (newer, or older without migrations → refused), and one entry per table of the
 * schema with a well-formed checksum and count. Throws IssueError.
 */
export function parseManifest(
  text: string,
  appSchemaVersion = BACKUP_SCHEMA_VERSION,
  canMigrate: (from: number) => boolean = () => false,
): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch {
    throw invalid('json');
  }
  if (!isRecord(raw) || raw.format !== BACKUP_FORMAT)
    throw new IssueError({ code: 'notBackup', file: MANIFEST_FILE, row: null, field: null });
  const formatVersion = raw.formatVersion;
  if (typeof formatVersion !== 'number' || !Number.isInteger(formatVersion) || formatVersion < 1)
    throw invalid('formatVersion');
  if (formatVersion > BACKUP_FORMAT_VERSION)
    throw new IssueError({
      code: 'newerFormat',
      file: MANIFEST_FILE,
      row: null,
      field: null,
      detail: String(formatVersion),
    });
  const schemaVersion = raw.schemaVersion;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1)
    throw invalid('schemaVersion');
  if (schemaVersion > appSchemaVersion)
    throw new IssueError({
      code: 'newerSchema',
      file: MANIFEST_FILE,
      row: null,
      field: null,
      detail: `${schemaVersion}>${appSchemaVersion}`,
    });
  // Older schema versions are migrated on the way in (migrations.ts), when every step is known.
  if (schemaVersion < appSchemaVersion && !canMigrate(schemaVersion))
    throw new IssueError({
      code: 'olderSchema',
      file: MANIFEST_FILE,
      row: null,
      field: null,
      detail: String(schemaVersion),
    });
  for (const field of ['appVersion', 'storeName', 'createdAtIso'] as const)
    if (typeof raw[field] !== 'string') throw invalid(field);
  if (typeof raw.createdAt !== 'number' || !Number.isSafeInteger(raw.createdAt)) throw invalid('createdAt');
  if (raw.encoding !== 'utf-8') throw invalid('encoding');
  if (!Array.isArray(raw.tables)) throw invalid('tables');

  const tables: ManifestTable[] = [];
  for (const t of raw.tables as unknown[]) {
    if (!isRecord(t) || typeof t.table !== 'string') throw invalid('tables');
    const name = t.table;
    if (!BACKUP_TABLES.some((s) => s.table === name))
      throw new IssueError({
        code: 'unknownFile',
        file: typeof t.file === 'string' ? t.file : name,
        row: null,
        field: null,
      });
    if (tables.some((x) => x.table === name)) throw invalid(`tables.${name}`);
    if (t.file !== fileOf(name)) throw invalid(`tables.${name}.file`);
    if (typeof t.rows !== 'number' || !Number.isSafeInteger(t.rows) || t.rows < 0)
      throw invalid(`tables.${name}.rows`);
    if (typeof t.bytes !== 'number' || !Number.isSafeInteger(t.bytes) || t.bytes < 0)
      throw invalid(`tables.${name}.bytes`);
    if (typeof t.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(t.sha256))
      throw invalid(`tables.${name}.sha256`);
    if (!Array.isArray(t.columns) || !t.columns.every((c) => typeof c === 'string'))
      throw invalid(`tables.${name}.columns`);
    tables.push({
      table: name,
      file: t.file,
      rows: t.rows,
      bytes: t.bytes,
      sha256: t.sha256,
      columns: t.columns as string[],
    });
  }
  for (const spec of BACKUP_TABLES)
    if (!tables.some((t) => t.table === spec.table))
      throw new IssueError({ code: 'fileMissing', file: fileOf(spec.table), row: null, field: null });

  return {
    format: BACKUP_FORMAT,
    formatVersion,
    appVersion: raw.appVersion as string,
    schemaVersion,
    createdAt: raw.createdAt,
    createdAtIso: raw.createdAtIso as string,
    storeName: raw.storeName as string,
    encoding: 'utf-8',
    tables,
  };
}
