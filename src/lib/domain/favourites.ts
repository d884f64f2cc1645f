import type { Fen } from './money';
import type { Sale, SaleLine } from './sale';

type SaleInput = Pick<Sale, 'id' | 'refundOf'> & { lines: readonly Pick<SaleLine, 'brand' | 'category' | 'paidFen'>[] };

export interface Favourite {
  name: string;
  /** Net paid (returns subtracted). */
  paidFen: Fen;
  /** Sales (not returns) with at least one line of it. */
  purchases: number;
}

export interface Favourites {
  brands: Favourite[];
  categories: Favourite[];
}

/**
 * A member's favourite brands and categories: ranked by what she paid for them, net of returns
 * (then by how often she bought them, then by name), top `limit` of each; nothing fully returned.
 */
export function favourites(sales: readonly SaleInput[], limit = 3): Favourites {
  const brands = new Map<string, { paidFen: number; sales: Set<string> }>();
  const categories = new Map<string, { paidFen: number; sales: Set<string> }>();
  const add = (into: typeof brands, name: string, sale: Pick<Sale, 'id' | 'refundOf'>, paidFen: number) => {
    if (name.trim() === '') return;
    const row = into.get(name) ?? { paidFen: 0, sales: new Set<string>() };
    row.paidFen += paidFen;
    if (sale.refundOf === null) row.sales.add(sale.id);
    into.set(name, row);
  };
  for (const s of sales)
    for (const line of s.lines) {
      add(brands, line.brand, s, line.paidFen);
      add(categories, line.category, s, line.paidFen);
    }
  const ranked = (m: typeof brands): Favourite[] =>
    [...m.entries()]
      .map(([name, r]) => ({ name, paidFen: r.paidFen, purchases: r.sales.size }))
      .filter((f) => f.paidFen > 0)
      .sort((a, b) => b.paidFen - a.paidFen || b.purchases - a.purchases || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, limit);
  return { brands: ranked(brands), categories: ranked(categories) };
}
