import Dexie from 'dexie';
import { ShopDB } from '../shop-db';

/**
 * A new, empty shop database under `name` (anything left there by an interrupted restore is deleted
 * first). The restore writes into it while the active database stays untouched.
 */
export async function openFreshShop(name: string): Promise<ShopDB> {
  await Dexie.delete(name);
  const db = new ShopDB(name);
  await db.open();
  return db;
}

/**
 * One chunk of restored rows, one transaction. Atomicity of the whole restore does not come from here
 * but from writing into a fresh database that becomes active only when complete and verified.
 */
export async function writeRestoredRows(
  db: ShopDB,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction('rw', table, async () => {
    await db.table(table).bulkAdd(rows as Record<string, unknown>[]);
  });
}

export async function deleteShopDb(db: ShopDB): Promise<void> {
  db.close();
  await db.delete();
}
