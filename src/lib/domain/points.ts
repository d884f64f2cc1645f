import type { BasisPoints, Fen } from './money';
import type { Id } from './ids';

export type PointsKind = 'earn' | 'redeem' | 'expire' | 'adjust' | 'reverse' | 'opening' | 'reward';

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
