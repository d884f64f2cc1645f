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
  /** This line's share of each discount. */
  discountFen: Fen;
  couponFen: Fen;
  pointsCashFen: Fen;
  /** What the line cost after every discount: amountFen − discountFen − couponFen − pointsCashFen. */
  paidFen: Fen;
  /** On a refund row: the index of the original sale's line this returns. */
  sourceLine?: number;
  /** Added to the cart from a suggestion. */
  suggested?: boolean;
}

export interface Sale {
  id: Id;
  /** null for a walk-in customer. */
  memberId: Id | null;
  at: number;
  lines: SaleLine[];
  subtotalFen: Fen;
  /** Tier and campaign discounts (the sum of the lines' discountFen). */
  discountFen: Fen;
  couponId: Id | null;
  couponFen: Fen;
  pointsRedeemed: number;
  pointsCashFen: Fen;
  /** The goods after every discount: what counts as her spend. Negative on a refund row. */
  totalFen: Fen;
  deliveryFeeFen: Fen;
  /** Paid from stored value (principal and bonus), and by the payment method. */
  storedValuePrincipalFen: Fen;
  storedValueBonusFen: Fen;
  otherPaidFen: Fen;
  paymentMethod: PaymentMethod;
  /** The member's tier when the sale was rung up (its discount and multiplier applied). */
  tierId: Id | null;
  campaignId: Id | null;
  /** Points earned (on a refund row: taken back, negative). */
  pointsEarned: number;
  /** Set on a refund row: the sale it reverses. */
  refundOf: Id | null;
  /** On a refund row: this return completes the return of the whole sale (the visit is undone). */
  fullReturn: boolean;
  assistantId: Id | null;
  /** Suggestions shown at the checkout of this sale (absent: none). */
  suggestionsShown?: number;
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
  reason: 'purchase' | 'registration' | 'rules' | 'review' | 'return';
  createdAt: number;
  updatedAt: number;
}
