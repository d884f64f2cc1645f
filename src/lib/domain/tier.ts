import { addMonthsToInstant } from './clock';
import { applyBasisPoints, type BasisPoints, type Fen } from './money';
import type { Id } from './ids';
import type { Sale } from './sale';

export interface Tier {
  id: Id;
  name: string;
  /** Lifetime spend (fen) at which a member reaches this tier. The lowest tier has 0. */
  thresholdFen: Fen;
  /** Price paid, in basis points: 9500 = 9.5折. 10000 = no discount. */
  discountBp: BasisPoints;
  /** Points multiplier in basis points: 15000 = ×1.5. */
  pointsMultiplierBp: BasisPoints;
  /** Visits in the last 12 months, for the visit-based rules (0 = none needed). */
  visitThreshold: number;
  /** Delivery fee waived at checkout. */
  freeDelivery: boolean;
  perks: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * What qualifies a member for a tier: lifetime spend, spend in the last 12 months, visits in the last
 * 12 months, spend and/or visits (12 months), or growth value (a tier's ¥ threshold read as growth, ¥1 = 1).
 */
export type TierBasis = 'lifetimeSpend' | 'rollingSpend' | 'visits' | 'spendAndVisits' | 'spendOrVisits' | 'growth';
export const TIER_BASES: readonly TierBasis[] = ['lifetimeSpend', 'rollingSpend', 'visits', 'spendAndVisits', 'spendOrVisits', 'growth'];

/** A member's figures that tier rules look at. */
export interface Standing {
  lifetimeSpendFen: Fen;
  /** Spend in the 12 months up to now (0, not counted, where the basis does not use it: see usesWindow). */
  rollingSpendFen: Fen;
  /** Visits in the 12 months up to now (0, not counted, where the basis does not use it). */
  visits12: number;
  /** Growth value (see domain/growth); absent counts as 0. */
  growth?: number;
}

/** Whether a tier rule looks at the 12-month figures (everything but lifetime spend does). */
export function usesWindow(basis: TierBasis): boolean {
  return basis !== 'lifetimeSpend' && basis !== 'growth';
}

/** Where the 12 months that end at `now` begin (rolling spend and visits count from here, inclusive). */
export function windowStart(now: number): number {
  return addMonthsToInstant(now, -12);
}

/**
 * Her standing from her lifetime spend and her sale rows dated in the window (see windowStart). A
 * refund row counts with the sale it returns: a return of a sale from before the window changes
 * nothing inside it (and a full return inside it undoes that visit).
 */
export function standingFrom(
  lifetimeSpendFen: Fen,
  salesInWindow: readonly Pick<Sale, 'id' | 'totalFen' | 'refundOf' | 'fullReturn'>[],
  growth = 0,
): Standing {
  const inWindow = new Set<string>();
  for (const s of salesInWindow) if (s.refundOf === null) inWindow.add(s.id);
  let rollingSpendFen = 0;
  let visits12 = 0;
  for (const s of salesInWindow) {
    if (s.refundOf === null) {
      rollingSpendFen += s.totalFen;
      visits12 += 1;
    } else if (inWindow.has(s.refundOf)) {
      rollingSpendFen += s.totalFen;
      if (s.fullReturn) visits12 -= 1;
    }
  }
  return { lifetimeSpendFen, rollingSpendFen, visits12, growth };
}

export function meetsTier(tier: Pick<Tier, 'thresholdFen' | 'visitThreshold'>, standing: Standing, basis: TierBasis): boolean {
  const spendOk = (spend: Fen) => spend >= tier.thresholdFen;
  const visitsOk = standing.visits12 >= tier.visitThreshold;
  switch (basis) {
    case 'lifetimeSpend':
      return spendOk(standing.lifetimeSpendFen);
    case 'rollingSpend':
      return spendOk(standing.rollingSpendFen);
    case 'visits':
      return visitsOk;
    case 'spendAndVisits':
      return spendOk(standing.rollingSpendFen) && visitsOk;
    case 'spendOrVisits':
      return spendOk(standing.rollingSpendFen) || (tier.visitThreshold > 0 && visitsOk);
    case 'growth':
      return (standing.growth ?? 0) * 100 >= tier.thresholdFen;
  }
}

/** The highest tier the standing meets under the rule (the lowest tier when none). */
export function qualifyingTierBy<T extends Pick<Tier, 'thresholdFen' | 'visitThreshold'>>(
  tiers: readonly T[],
  standing: Standing,
  basis: TierBasis,
): T {
  const sorted = sortTiers(tiers);
  const lowest = sorted[0];
  if (!lowest) throw new Error('No tiers configured');
  let best = lowest;
  for (const tier of sorted) if (meetsTier(tier, standing, basis)) best = tier;
  return best;
}

/** Upgrade at once when the standing qualifies higher; a checkout never downgrades. */
export function tierAfterPurchaseBy<T extends Pick<Tier, 'id' | 'thresholdFen' | 'visitThreshold'>>(
  tiers: readonly T[],
  currentTierId: Id | null,
  standing: Standing,
  basis: TierBasis,
): T {
  const qualified = qualifyingTierBy(tiers, standing, basis);
  const current = tiers.find((t) => t.id === currentTierId);
  if (!current) return qualified;
  return tierRank(tiers, qualified.id) > tierRank(tiers, current.id) ? qualified : current;
}

/**
 * The scheduled review: a member whose standing no longer holds her tier keeps it until the grace
 * period from reaching it has run out, then moves to what she qualifies for. Never raises anyone
 * (upgrades happen at checkout or when rules change).
 */
export function tierAfterReview<T extends Pick<Tier, 'id' | 'thresholdFen' | 'visitThreshold'>>(
  tiers: readonly T[],
  currentTierId: Id,
  standing: Standing,
  basis: TierBasis,
  graceEndsAt: number,
  now: number,
): T | null {
  const qualified = qualifyingTierBy(tiers, standing, basis);
  const currentRank = tierRank(tiers, currentTierId);
  if (currentRank < 0) return qualified;
  if (tierRank(tiers, qualified.id) >= currentRank) return null;
  return now >= graceEndsAt ? qualified : null;
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

export type TierInput = Pick<Tier, 'name' | 'thresholdFen' | 'discountBp' | 'pointsMultiplierBp' | 'perks'> &
  Partial<Pick<Tier, 'visitThreshold' | 'freeDelivery'>>;
/** Values of the optional tier fields when a rule list does not give them. */
export const tierDefaults: Pick<Tier, 'visitThreshold' | 'freeDelivery'> = { visitThreshold: 0, freeDelivery: false };

export type TierError = 'nameEmpty' | 'thresholdNegative' | 'discountRange' | 'multiplierRange' | 'visitRange';

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
    if (t.visitThreshold !== undefined && (!Number.isInteger(t.visitThreshold) || t.visitThreshold < 0 || t.visitThreshold > 10000))
      e.visitThreshold = 'visitRange';
    return e;
  });
  let list: 'empty' | 'noZeroTier' | 'duplicateThreshold' | null = null;
  if (tiers.length === 0) list = 'empty';
  else if (!tiers.some((t) => t.thresholdFen === 0)) list = 'noZeroTier';
  else if (new Set(tiers.map((t) => t.thresholdFen)).size !== tiers.length) list = 'duplicateThreshold';
  return { rows, list };
}
