import type { Member } from './member';
import type { PointsEntry } from './points';
import type { Sale } from './sale';
import { qualifyingTier, tierRank, type Tier } from './tier';

export type CachedField = 'pointsBalance' | 'lifetimeSpendFen' | 'visitCount' | 'lastPurchaseAt' | 'tierId' | 'orphanRows';

export interface Drift {
  memberId: string;
  field: CachedField;
  cached: number | string | null;
  actual: number | string | null;
}

export interface DerivedAggregates {
  pointsBalance: number;
  lifetimeSpendFen: number;
  visitCount: number;
  lastPurchaseAt: number | null;
}

/** What a member's cached aggregates should be, recomputed from her ledgers alone. */
export function deriveAggregates(
  sales: readonly Pick<Sale, 'at' | 'totalFen' | 'refundOf'>[],
  points: readonly Pick<PointsEntry, 'points'>[],
): DerivedAggregates {
  let lifetimeSpendFen = 0;
  let visitCount = 0;
  let lastPurchaseAt: number | null = null;
  for (const s of sales) {
    lifetimeSpendFen += s.totalFen;
    if (s.refundOf === null) {
      visitCount += 1;
      if (lastPurchaseAt === null || s.at > lastPurchaseAt) lastPurchaseAt = s.at;
    }
  }
  let pointsBalance = 0;
  for (const p of points) pointsBalance += p.points;
  return { pointsBalance, lifetimeSpendFen, visitCount, lastPurchaseAt };
}

/**
 * Every cached field that differs from its ledgers. The tier may sit above what spend qualifies for
 * (thresholds raised, downgrade grace) but never below it: that would be a missed upgrade.
 */
export function findDrift(
  member: Pick<Member, 'id' | 'tierId' | keyof DerivedAggregates>,
  actual: DerivedAggregates,
  tiers: readonly Tier[],
): Drift[] {
  const drifts: Drift[] = [];
  for (const field of ['pointsBalance', 'lifetimeSpendFen', 'visitCount', 'lastPurchaseAt'] as const) {
    if (member[field] !== actual[field]) drifts.push({ memberId: member.id, field, cached: member[field], actual: actual[field] });
  }
  if (tiers.length > 0) {
    const qualified = qualifyingTier(tiers, actual.lifetimeSpendFen);
    const rank = tierRank(tiers, member.tierId);
    if (rank < 0 || rank < tierRank(tiers, qualified.id))
      drifts.push({ memberId: member.id, field: 'tierId', cached: member.tierId, actual: qualified.id });
  }
  return drifts;
}
