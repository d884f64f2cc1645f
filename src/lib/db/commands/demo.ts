import type { ShopBatch, ShopTable } from '../../demo/generate';
import { rebuildRollups } from '../rollups';
import type { ShopDB } from '../shop-db';

/**
 * Replace the whole shop with generated rows: every table is emptied and every batch written inside
 * ONE transaction, so a failure (a duplicate key, a quota error) leaves the previous shop intact.
 * `batches` may be a lazy generator: it is pulled between writes (synchronously, so the transaction
 * stays alive), which keeps memory bounded for large shops. The daily rollups are rebuilt from the
 * written sales before the transaction commits.
 */
export async function replaceShop(
  db: ShopDB,
  batches: Iterable<ShopBatch>,
  onProgress?: (rowsWritten: number) => void,
): Promise<{ rows: number }> {
  let rows = 0;
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
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
  });
  return { rows };
}

/** Empty every table of the shop, in one transaction. */
export async function clearShop(db: ShopDB): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
}
