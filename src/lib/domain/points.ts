import type { BasisPoints, Fen } from './money';
import type { Id } from './ids';

/**
 * earn: on a sale · reward: referral, event, profile · redeem: gifts, coupons, cash at checkout ·
 * expire: a lot past its date · reverse: points of returned goods taken back · restore: points used
 * on returned goods given back · adjust: by the owner, with a reason · opening: imported balance.
 */
export type PointsKind = 'earn' | 'redeem' | 'expire' | 'adjust' | 'reverse' | 'restore' | 'opening' | 'reward';

/** One append-only points ledger row. A balance is the sum of `points`; nothing is edited. */
export interface PointsEntry {
  id: Id;
  memberId: Id;
  at: number;
  kind: PointsKind;
  /** Signed: earning is positive, spending and expiry negative. */
  points: number;
  saleId: Id | null;
  /** Epoch ms at which an earning lot expires; null = never. */
  expiresAt: number | null;
  /** On a spending row: the lot it takes from first (an expiry's own lot; a reversed sale's lot). */
  lotId?: string | null;
  reason: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * Points earned on an amount actually paid: paid yuan × earn rate × tier multiplier, rounded down.
 * `earnRateBp` 10000 = 1 point per ¥1. Exact integer arithmetic (BigInt: the product can pass 2^53).
 */
export function pointsEarned(paidFen: Fen, earnRateBp: BasisPoints, multiplierBp: BasisPoints): number {
  if (paidFen <= 0 || earnRateBp <= 0 || multiplierBp <= 0) return 0;
  const product = BigInt(paidFen) * BigInt(earnRateBp) * BigInt(multiplierBp);
  return Number(product / 10_000_000_000n);
}

export function pointsBalance(entries: readonly Pick<PointsEntry, 'points'>[]): number {
  let total = 0;
  for (const e of entries) total += e.points;
  return total;
}

/** One points ledger row (a lot when positive). */
export function pointsRow(
  id: Id,
  memberId: Id,
  at: number,
  kind: PointsKind,
  points: number,
  saleId: Id | null,
  expiresAt: number | null,
  extra: Partial<Pick<PointsEntry, 'reason' | 'lotId'>> = {},
): PointsEntry {
  return { id, memberId, at, kind, points, saleId, expiresAt, reason: extra.reason ?? '', lotId: extra.lotId ?? null, createdAt: at, updatedAt: at };
}
