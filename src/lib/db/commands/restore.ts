import Dexie from 'dexie';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import { ShopDB } from '../shop-db';
import { resetAccess } from './staff';

/**
 * Who may restore: the owner; or anyone who forgot the owner PIN (`resetAccess`) — the restored
 * shop then drops the backup's PINs, so its data is exactly as safe as the file it came from.
 */
export interface RestoreAccess {
  ctx: CommandContext;
  resetAccess: boolean;
}

/**
 * A new, empty shop database under `name` (anything left there by an interrupted restore is deleted
 * first). The restore writes into it while the active database stays untouched.
 */
export async function openFreshShop(name: string, access: RestoreAccess): Promise<ShopDB> {
  if (!access.resetAccess) requireOwner(access.ctx, 'restore');
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

/** After the restored shop is verified: its audit log records the restore (or the PIN reset). */
export async function finishRestore(db: ShopDB, access: RestoreAccess, rows: number): Promise<void> {
  if (access.resetAccess) await resetAccess(db, access.ctx);
  else await db.auditLog.add(auditRow(access.ctx, 'restore', null, `${rows} rows`));
}

export async function deleteShopDb(db: ShopDB): Promise<void> {
  db.close();
  await db.delete();
}
