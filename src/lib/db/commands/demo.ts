import type { ShopBatch, ShopTable } from '../../demo/generate';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import { rebuildRollups } from '../rollups';
import type { ShopDB } from '../shop-db';

/**
 * Replace the whole shop with generated rows: every table is emptied and every batch written inside
 * ONE transaction, so a failure (a duplicate key, a quota error) leaves the previous shop intact.
 * `batches` may be a lazy generator: it is pulled between writes (synchronously, so the transaction
 * stays alive), which keeps memory bounded for large shops. The daily rollups are rebuilt from the
 * written sales before the transaction commits. Who may unlock the shop, and its audit log, stay.
 */
export async function replaceShop(
  db: ShopDB,
  batches: Iterable<ShopBatch>,
  ctx: CommandContext,
  onProgress?: (rowsWritten: number) => void,
): Promise<{ rows: number }> {
  requireOwner(ctx, 'replaceShop');
  let rows = 0;
  await db.transaction('rw', db.tables, async () => {
    await clearShopData(db);
    for (const batch of batches) {
      for (const name of Object.keys(batch) as ShopTable[]) {
        const list = batch[name];
        if (!list || list.length === 0) continue;
        await db.table(name).bulkAdd(list);
        rows += list.length;
        onProgress?.(rows);
      }
    }
    // The generator writes sales, not their daily summaries: derive those from what was written.
    await rebuildRollups(db);
    await db.auditLog.add(auditRow(ctx, 'replaceShop', null, `demo: ${rows} rows`));
  });
  return { rows };
}

const KEPT_TABLES = new Set(['staff', 'auditLog']);

/** Inside a transaction over every table: empty all but the staff and the audit log. */
async function clearShopData(db: ShopDB): Promise<void> {
  for (const table of db.tables) if (!KEPT_TABLES.has(table.name)) await table.clear();
}

/** Empty the shop (its PINs and audit log stay), in one transaction. */
export async function clearShop(db: ShopDB, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'replaceShop');
  await db.transaction('rw', db.tables, async () => {
    await clearShopData(db);
    await db.auditLog.add(auditRow(ctx, 'wipe', null, 'all shop data cleared'));
  });
}
