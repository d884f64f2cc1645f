import type { Product } from '../../domain/product';
import type { ShopDB } from '../shop-db';

export async function listProducts(db: ShopDB): Promise<Product[]> {
  const all = await db.products.orderBy('name').toArray();
  return all.filter((p) => p.active);
}

export async function productBySku(db: ShopDB, sku: string): Promise<Product | undefined> {
  const p = await db.products.where('sku').equals(sku.trim()).first();
  return p?.active ? p : undefined;
}
