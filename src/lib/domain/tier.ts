import { applyBasisPoints, type BasisPoints, type Fen } from './money';
import type { Id } from './ids';

export interface Tier {
  id: Id;
  name: string;
  /** Lifetime spend (fen) at which a member reaches this tier. The lowest tier has 0. */
  thresholdFen: Fen;
  /** Price paid, in basis points: 9500 = 9.5折. 10000 = no discount. */
  discountBp: BasisPoints;
  /** Points multiplier in basis points: 15000 = ×1.5. */
  pointsMultiplierBp: BasisPoints;
  perks: string;
  createdAt: number;
  updatedAt: number;
}

/** Tiers ordered from lowest to highest threshold. */
export function sortTiers<T extends Pick<Tier, 'thresholdFen'>>(tiers: readonly T[]): T[] {
  return [...tiers].sort((a, b) => a.thresholdFen - b.thresholdFen);
}

/** The highest tier whose threshold the spend reaches (the lowest tier when none is reached). */
export function qualifyingTier<T extends Pick<Tier, 'thresholdFen'>>(tiers: readonly T[], spendFen: Fen): T {
  const sorted = sortTiers(tiers);
  const lowest = sorted[0];
  if (!lowest) throw new Error('No tiers configured');
  let best = lowest;
  for (const tier of sorted) if (tier.thresholdFen <= spendFen) best = tier;
  return best;
}

export function tierRank(tiers: readonly Pick<Tier, 'id' | 'thresholdFen'>[], tierId: Id | null): number {
  return sortTiers(tiers).findIndex((t) => t.id === tierId);
}

/**
 * The tier after a purchase: upgrade at once when the new spend qualifies higher; a checkout never
 * downgrades (that is the scheduled re-evaluation's job).
 */
export function tierAfterPurchase<T extends Pick<Tier, 'id' | 'thresholdFen'>>(
  tiers: readonly T[],
  currentTierId: Id | null,
  newSpendFen: Fen,
): T {
  const qualified = qualifyingTier(tiers, newSpendFen);
  const current = tiers.find((t) => t.id === currentTierId);
  if (!current) return qualified;
  return tierRank(tiers, qualified.id) > tierRank(tiers, current.id) ? qualified : current;
}

/** "Spend ¥X more to reach 金卡": the next tier above the current one and the spend still missing. */
export function nextTierProgress<T extends Pick<Tier, 'id' | 'thresholdFen'>>(
  tiers: readonly T[],
  currentTierId: Id | null,
  spendFen: Fen,
): { next: T; remainingFen: Fen } | null {
  const sorted = sortTiers(tiers);
  const rank = Math.max(sorted.findIndex((t) => t.id === currentTierId), 0);
  const next = sorted.slice(rank + 1).find((t) => t.thresholdFen > spendFen) ?? null;
  if (!next) return null;
  return { next, remainingFen: next.thresholdFen - spendFen };
}

/** Amount to pay after the tier discount (rounded half up to the fen) and the discount itself. */
export function tierDiscount(amountFen: Fen, discountBp: BasisPoints): { payFen: Fen; discountFen: Fen } {
  const payFen = applyBasisPoints(amountFen, discountBp);
  return { payFen, discountFen: amountFen - payFen };
}

export type TierInput = Pick<Tier, 'name' | 'thresholdFen' | 'discountBp' | 'pointsMultiplierBp' | 'perks'>;
export type TierError = 'nameEmpty' | 'thresholdNegative' | 'discountRange' | 'multiplierRange';

/** Field-level problems of a tier list; the lowest tier must start at 0 and thresholds must differ. */
export function validateTiers(tiers: readonly TierInput[]): {
  rows: Partial<Record<keyof TierInput, TierError>>[];
  list: 'empty' | 'noZeroTier' | 'duplicateThreshold' | null;
} {
  const rows = tiers.map((t) => {
    const e: Partial<Record<keyof TierInput, TierError>> = {};
    if (t.name.trim() === '') e.name = 'nameEmpty';
    if (!Number.isSafeInteger(t.thresholdFen) || t.thresholdFen < 0) e.thresholdFen = 'thresholdNegative';
    if (!Number.isInteger(t.discountBp) || t.discountBp < 1000 || t.discountBp > 10000) e.discountBp = 'discountRange';
    if (!Number.isInteger(t.pointsMultiplierBp) || t.pointsMultiplierBp < 0 || t.pointsMultiplierBp > 100000)
      e.pointsMultiplierBp = 'multiplierRange';
    return e;
  });
  let list: 'empty' | 'noZeroTier' | 'duplicateThreshold' | null = null;
  if (tiers.length === 0) list = 'empty';
  else if (!tiers.some((t) => t.thresholdFen === 0)) list = 'noZeroTier';
  else if (new Set(tiers.map((t) => t.thresholdFen)).size !== tiers.length) list = 'duplicateThreshold';
  return { rows, list };
}
