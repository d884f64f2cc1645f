import type { Id } from './ids';
import type { Fen } from './money';

export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A sale line with snapshots of the product as sold, so later edits to the product change nothing. */
export interface SaleLine {
  productId: Id | null;
  sku: string | null;
  name: string;
  brand: string;
  category: string;
  unitPriceFen: Fen;
  qty: number;
  /** unitPriceFen × qty. */
  amountFen: Fen;
  /** What was paid for this line after the tier discount. */
  paidFen: Fen;
}

export interface Sale {
  id: Id;
  /** null for a walk-in customer. */
  memberId: Id | null;
  at: number;
  lines: SaleLine[];
  subtotalFen: Fen;
  discountFen: Fen;
  /** What the customer paid: subtotal less discounts. Negative on a refund row. */
  totalFen: Fen;
  paymentMethod: PaymentMethod;
  /** The member's tier when the sale was rung up (its discount and multiplier applied). */
  tierId: Id | null;
  pointsEarned: number;
  /** Set on a refund row: the sale it reverses. */
  refundOf: Id | null;
  assistantId: Id | null;
  createdAt: number;
  updatedAt: number;
}

/** One tier change of one member, kept as history. */
export interface TierChange {
  id: Id;
  memberId: Id;
  at: number;
  fromTierId: Id | null;
  toTierId: Id;
  reason: 'purchase' | 'registration' | 'rules' | 'review';
  createdAt: number;
  updatedAt: number;
}
