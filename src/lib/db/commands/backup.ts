import type { IndexableType } from 'dexie';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import type { ShopDB } from '../shop-db';

/**
 * Before any data leaves the app (a backup, a CSV of members or figures): only the owner may, and it
 * is written down. `detail` says what (a file name, a table), never whom.
 */
export async function recordExport(db: ShopDB, what: 'backup' | 'export', detail: string, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, what === 'backup' ? 'backup' : 'export');
  await db.auditLog.add(auditRow(ctx, what, null, detail));
}

/**
 * Read the named tables in ONE read transaction (a consistent snapshot: ledgers and the members' cached
 * balances agree), each in primary-key order, `chunk` rows at a time. `onRows` must be synchronous
 * (encoding is CPU work): awaiting anything but Dexie inside the transaction would end it early.
 * Writers wait while it runs (IndexedDB orders a read-write transaction after an overlapping read).
 */
export async function readShop(
  db: ShopDB,
  tables: readonly string[],
  onRows: (table: string, rows: Record<string, unknown>[], totals: Record<string, number>) => void,
  chunk = 2_000,
): Promise<Record<string, number>> {
  const list = tables.map((name) => db.table<Record<string, unknown>, IndexableType>(name));
  return db.transaction('r', list, async () => {
    const totals: Record<string, number> = {};
    for (const t of list) totals[t.name] = await t.count();
    for (const t of list) {
      const keyPath = t.schema.primKey.keyPath;
      if (typeof keyPath !== 'string') throw new Error(`${t.name}: compound primary keys are not supported`);
      let last: IndexableType | undefined;
      for (;;) {
        const rows =
          last === undefined
            ? await t.orderBy(':id').limit(chunk).toArray()
            : await t.where(':id').above(last).limit(chunk).toArray();
        if (rows.length === 0) break;
        onRows(t.name, rows, totals);
        last = rows[rows.length - 1]?.[keyPath] as IndexableType;
        if (rows.length < chunk) break;
      }
    }
    return totals;
  });
}
