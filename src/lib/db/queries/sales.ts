import type { Sale } from '../../domain/sale';
import type { ShopDB } from '../shop-db';

export async function saleById(db: ShopDB, id: string): Promise<Sale | undefined> {
  return db.sales.get(id);
}
