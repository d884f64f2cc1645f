import type { Member } from '../../domain/member';
import { openingPointsId, openingStoredValueId } from '../../domain/member-import';
import type { Id } from '../../domain/ids';
import type { Product } from '../../domain/product';
import type { Sale } from '../../domain/sale';
import { importedSaleId, type CatalogueEntry } from '../../domain/sale-import';
import type { ShopDB } from '../shop-db';

/** What an import compares against: every member by phone, with her imported opening balances. */
export interface MemberOnFile {
  id: string;
  name: string;
  phone: string;
  gender: Member['gender'];
  birthday: string | null;
  tags: string[];
  notes: string;
  region: string;
  address: string;
  wechat: string;
  email: string;
  openingPoints: number | null;
  openingStoredValueFen: number | null;
}

export async function membersByPhone(db: ShopDB): Promise<Map<string, MemberOnFile>> {
  return db.transaction('r', [db.members, db.pointsLedger, db.storedValueLedger], async () => {
    const members = await db.members.toArray();
    const [points, stored] = await Promise.all([
      db.pointsLedger.bulkGet(members.map((m) => openingPointsId(m.id))),
      db.storedValueLedger.bulkGet(members.map((m) => openingStoredValueId(m.id))),
    ]);
    const out = new Map<string, MemberOnFile>();
    members.forEach((m, i) => {
      const sv = stored[i] as { principalFen?: number; bonusFen?: number } | undefined;
      out.set(m.phone, {
        id: m.id,
        name: m.name,
        phone: m.phone,
        gender: m.gender,
        birthday: m.birthday,
        tags: m.tags,
        notes: m.notes,
        region: m.region,
        address: m.address,
        wechat: m.wechat,
        email: m.email,
        openingPoints: points[i]?.points ?? null,
        openingStoredValueFen: sv ? (sv.principalFen ?? 0) + (sv.bonusFen ?? 0) : null,
      });
    });
    return out;
  });
}

/** What a product import compares against: every product by SKU. */
export async function productsBySku(db: ShopDB): Promise<Map<string, Product>> {
  return new Map((await db.products.toArray()).map((p) => [p.sku, p]));
}

/** What a sales import needs: members by phone, products by SKU, and the sales imported before. */
export async function salesOnFile(db: ShopDB): Promise<{
  members: Map<string, Id>;
  catalogue: Map<string, CatalogueEntry>;
  imported: Map<Id, Sale>;
}> {
  return db.transaction('r', [db.members, db.products, db.sales], async () => {
    const members = new Map<string, Id>();
    await db.members.each((m) => void members.set(m.phone, m.id));
    const catalogue = new Map<string, CatalogueEntry>(
      (await db.products.toArray()).map((p) => [
        p.sku,
        { id: p.id, name: p.name, brand: p.brand, category: p.category },
      ]),
    );
    const imported = await db.sales.where('id').startsWith(importedSaleId('')).toArray();
    return { members, catalogue, imported: new Map(imported.map((s) => [s.id, s])) };
  });
}
