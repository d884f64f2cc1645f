import { localDateOf } from '../../domain/clock';
import {
  suggest,
  SUGGESTION_DEFAULTS,
  SUGGESTION_SETTINGS_KEY,
  type CoPurchaseModel,
  type PurchasedLine,
  type Suggestion,
  type SuggestionSettings,
} from '../../domain/suggestion';
import type { ShopDB } from '../shop-db';

export async function getSuggestionSettings(db: ShopDB): Promise<SuggestionSettings> {
  const row = await db.settings.get(SUGGESTION_SETTINGS_KEY);
  return { ...SUGGESTION_DEFAULTS, ...(row?.value as Partial<SuggestionSettings> | undefined) };
}

/**
 * Up to five suggestions for a member, from her own sales, her babies and the catalogue (a few
 * indexed reads), plus the co-purchase model when the analytics worker has counted it.
 */
export async function suggestionsFor(db: ShopDB, memberId: string, now: number, model: CoPurchaseModel | null): Promise<Suggestion[]> {
  const read = await db.transaction('r', [db.sales, db.babies, db.products, db.settings], () =>
    Promise.all([
      db.sales.where('[memberId+at]').between([memberId, -Infinity], [memberId, Infinity]).toArray(),
      db.babies.where('memberId').equals(memberId).toArray(),
      db.products.toArray(),
      getSuggestionSettings(db),
    ]),
  );
  const [sales, babies, products, settings] = read;
  const purchases: PurchasedLine[] = [];
  for (const s of sales) {
    const day = localDateOf(s.at);
    for (const l of s.lines) if (l.productId) purchases.push({ productId: l.productId, day, qty: l.qty, refund: s.refundOf !== null });
  }
  return suggest({ today: localDateOf(now), now, babies, purchases, products, model, settings });
}
