/**
 * Backups written by an older schema are migrated on the way in: each step upgrades the rows of schema
 * `from` to `from + 1` (columns renamed, fields reshaped), and a restore runs every step from the
 * backup's version to the app's, while reading — the file itself is never changed. Schema version 1 is
 * the first, so there is no step yet; the next `ShopDB.version(n)` adds its step here (and a test
 * restoring a backup of version n - 1).
 */
import type { Row } from '../csv/rows';

export interface BackupMigration {
  /** Upgrades rows written in schema `from` to schema `from + 1`. */
  from: number;
  /** Columns renamed by this step, per table: old name → new name. */
  renamed?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** A row of `table` as the next schema stores it (after the renames). */
  row?: (table: string, row: Row) => Row;
}

export const BACKUP_MIGRATIONS: readonly BackupMigration[] = [];

/** The steps from schema `from` to `to`, in order; null when one is missing. */
export function migrationPath(from: number, to: number, steps: readonly BackupMigration[]): BackupMigration[] | null {
  const path: BackupMigration[] = [];
  for (let v = from; v < to; v++) {
    const step = steps.find((s) => s.from === v);
    if (!step) return null;
    path.push(step);
  }
  return path;
}

/** A table's header with the columns renamed along the path. */
export function migrateHeader(table: string, header: readonly string[], path: readonly BackupMigration[]): string[] {
  return header.map((name) => path.reduce((n, step) => step.renamed?.[table]?.[n] ?? n, name));
}

export function migrateRow(table: string, row: Row, path: readonly BackupMigration[]): Row {
  return path.reduce((r, step) => (step.row ? step.row(table, r) : r), row);
}
