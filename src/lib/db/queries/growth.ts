import { GROWTH_DEFAULTS, GROWTH_KEY, type GrowthEntry, type GrowthWeights } from '../../domain/growth';
import type { ShopDB } from '../shop-db';

export async function getGrowthWeights(db: ShopDB): Promise<GrowthWeights> {
  return weightsOf((await db.settings.get(GROWTH_KEY))?.value);
}

/** The weights a stored settings value holds, the defaults filling what it lacks. */
export function weightsOf(value: unknown): GrowthWeights {
  return { ...GROWTH_DEFAULTS, ...(value as Partial<GrowthWeights> | undefined) };
}

/** Her growth ledger, oldest first. */
export function growthLedgerOf(db: ShopDB, memberId: string): Promise<GrowthEntry[]> {
  return db.growthLedger.where('[memberId+at]').between([memberId, -Infinity], [memberId, Infinity]).toArray();
}
