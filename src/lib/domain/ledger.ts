import type { Member } from './member';
import type { PointsEntry } from './points';
import type { Sale } from './sale';
import type { StoredValueEntry } from './stored-value';
import { qualifyingTier, tierRank, type Tier, type TierBasis } from './tier';

export type CachedField =
  | 'pointsBalance'
  | 'storedValueFen'
  | 'lifetimeSpendFen'
  | 'visitCount'
  | 'lastPurchaseAt'
  | 'tierId'
  | 'growthValue'
  | 'orphanRows';

export interface Drift {
  memberId: string;
  field: CachedField;
  cached: number | string | null;
  actual: number | string | null;
}

export interface DerivedAggregates {
  pointsBalance: number;
  storedValueFen: number;
  lifetimeSpendFen: number;
  visitCount: number;
  lastPurchaseAt: number | null;
}

/** What a member's cached aggregates should be, recomputed from her ledgers alone. */
export function deriveAggregates(
  sales: readonly Pick<Sale, 'at' | 'totalFen' | 'refundOf' | 'fullReturn'>[],
  points: readonly Pick<PointsEntry, 'points'>[],
  storedValue: readonly Pick<StoredValueEntry, 'principalFen' | 'bonusFen'>[] = [],
): DerivedAggregates {
  let lifetimeSpendFen = 0;
  let visitCount = 0;
  let lastPurchaseAt: number | null = null;
  for (const s of sales) {
    lifetimeSpendFen += s.totalFen;
    if (s.refundOf === null) {
      visitCount += 1;
      if (lastPurchaseAt === null || s.at > lastPurchaseAt) lastPurchaseAt = s.at;
    } else if (s.fullReturn) {
      visitCount -= 1;
    }
  }
  let pointsBalance = 0;
  for (const p of points) pointsBalance += p.points;
  let storedValueFen = 0;
  for (const v of storedValue) storedValueFen += v.principalFen + v.bonusFen;
  return { pointsBalance, storedValueFen, lifetimeSpendFen, visitCount, lastPurchaseAt };
}

/**
 * Every cached field that differs from its ledgers. The tier may sit above what spend qualifies for
 * (thresholds raised, downgrade grace) but never below it: that would be a missed upgrade.
 */
export function findDrift(
  member: Pick<Member, 'id' | 'tierId' | keyof DerivedAggregates>,
  actual: DerivedAggregates,
  tiers: readonly Tier[],
  basis: TierBasis = 'lifetimeSpend',
): Drift[] {
  const drifts: Drift[] = [];
  for (const field of ['pointsBalance', 'storedValueFen', 'lifetimeSpendFen', 'visitCount', 'lastPurchaseAt'] as const) {
    if (member[field] !== actual[field]) drifts.push({ memberId: member.id, field, cached: member[field], actual: actual[field] });
  }
  // Only lifetime spend can be rechecked from the ledgers alone (the other rules depend on the date).
  if (tiers.length > 0 && basis === 'lifetimeSpend') {
    const qualified = qualifyingTier(tiers, actual.lifetimeSpendFen);
    const rank = tierRank(tiers, member.tierId);
    if (rank < 0 || rank < tierRank(tiers, qualified.id))
      drifts.push({ memberId: member.id, field: 'tierId', cached: member.tierId, actual: qualified.id });
  }
  return drifts;
}
