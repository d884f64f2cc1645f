import type { Member } from '../../domain/member';
import type { Sale, SaleLine } from '../../domain/sale';
import type { ShopDB } from '../shop-db';

export interface SaleLineExport {
  sale: Sale;
  line: SaleLine;
  member: Pick<Member, 'name' | 'phone'> | null;
}

/** Every line of the sales and returns dated from `from` (inclusive) to `to` (exclusive), in time order. */
export async function saleLinesForExport(db: ShopDB, from: number, to: number): Promise<SaleLineExport[]> {
  return db.transaction('r', [db.sales, db.members], async () => {
    const sales = await db.sales.where('at').between(from, to, true, false).toArray();
    const ids = [...new Set(sales.flatMap((s) => (s.memberId ? [s.memberId] : [])))];
    const members = new Map((await db.members.bulkGet(ids)).flatMap((m) => (m ? [[m.id, m] as const] : [])));
    return sales.flatMap((sale) => {
      const m = sale.memberId ? members.get(sale.memberId) : undefined;
      const member = m ? { name: m.name, phone: m.phone } : null;
      return sale.lines.map((line) => ({ sale, line, member }));
    });
  });
}
