import type { Id } from './ids';
import { applyBasisPoints, MAX_FEN, type BasisPoints, type Fen } from './money';

export type CouponKind = 'fixed' | 'percent';
export type CouponReason = 'manual' | 'birthday' | 'referral' | 'points' | 'winback' | 'campaign';

export interface CouponTemplate {
  id: Id;
  name: string;
  kind: CouponKind;
  /** fixed: the amount off. */
  valueFen: Fen;
  /** percent: the share paid, like tier discounts (8500 = 15 % off). */
  percentBp: BasisPoints;
  minSpendFen: Fen;
  validDays: number;
  /** Only lines of this category count towards it and are discounted; null = whole sale. */
  category: string | null;
  /** Points a member may pay to get one (0 = not offered for points). */
  pointsCost: number;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export const COUPON_KINDS: readonly CouponKind[] = ['fixed', 'percent'];

/** What the owner types for a template; id and timestamps are the command's. */
export type CouponTemplateInput = Pick<
  CouponTemplate,
  | 'name'
  | 'kind'
  | 'valueFen'
  | 'percentBp'
  | 'minSpendFen'
  | 'validDays'
  | 'category'
  | 'pointsCost'
  | 'active'
>;

export type CouponTemplateError =
  | 'required'
  | 'tooLong'
  | 'kind'
  | 'valueRange'
  | 'percentRange'
  | 'minSpendRange'
  | 'validDaysRange'
  | 'pointsRange';

/** Limits of a template (inclusive). percentBp is the share paid: 9900 = 1 % off, 1000 = 90 % off. */
export const COUPON_LIMITS = {
  nameLength: 40,
  categoryLength: 40,
  percentBp: { min: 1000, max: 9900 },
  validDays: { min: 1, max: 3650 },
  pointsCost: { min: 0, max: 10_000_000 },
} as const;

/**
 * Field problems of a coupon template. A fixed coupon takes 1 fen or more off (percentBp unused); a
 * percent coupon takes 1–90 % off (valueFen unused). Category null means the whole sale.
 */
export function validateCouponTemplate(
  t: CouponTemplateInput,
): Partial<Record<keyof CouponTemplateInput, CouponTemplateError>> {
  const e: Partial<Record<keyof CouponTemplateInput, CouponTemplateError>> = {};
  const int = (n: number, min: number, max: number) => Number.isSafeInteger(n) && n >= min && n <= max;
  if (t.name.trim() === '') e.name = 'required';
  else if (t.name.trim().length > COUPON_LIMITS.nameLength) e.name = 'tooLong';
  if (!COUPON_KINDS.includes(t.kind)) e.kind = 'kind';
  else if (t.kind === 'fixed') {
    if (!int(t.valueFen, 1, MAX_FEN)) e.valueFen = 'valueRange';
  } else if (!int(t.percentBp, COUPON_LIMITS.percentBp.min, COUPON_LIMITS.percentBp.max))
    e.percentBp = 'percentRange';
  if (!int(t.minSpendFen, 0, MAX_FEN)) e.minSpendFen = 'minSpendRange';
  if (!int(t.validDays, COUPON_LIMITS.validDays.min, COUPON_LIMITS.validDays.max))
    e.validDays = 'validDaysRange';
  if (t.category !== null) {
    if (t.category.trim() === '') e.category = 'required';
    else if (t.category.trim().length > COUPON_LIMITS.categoryLength) e.category = 'tooLong';
  }
  if (!int(t.pointsCost, COUPON_LIMITS.pointsCost.min, COUPON_LIMITS.pointsCost.max))
    e.pointsCost = 'pointsRange';
  return e;
}

/** An issued coupon carries a copy of its template's terms: editing a template changes no issued coupon. */
export interface Coupon {
  id: Id;
  templateId: Id;
  memberId: Id;
  code: string;
  name: string;
  kind: CouponKind;
  valueFen: Fen;
  percentBp: BasisPoints;
  minSpendFen: Fen;
  category: string | null;
  reason: CouponReason;
  issuedAt: number;
  expiresAt: number;
  usedSaleId: Id | null;
  usedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type CouponRefusal = 'notHers' | 'used' | 'expired' | 'minSpend' | 'noEligibleItems';

/** Codes people can read out: no 0/O, 1/I/L. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An 8-character code from 8 random bytes (≈ 40 bits: collisions are checked by the unique index). */
export function couponCode(randomBytes: ArrayLike<number>): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[(randomBytes[i] ?? 0) % CODE_ALPHABET.length];
  return code;
}

export interface CouponLine {
  category: string;
  /** What the line costs after the tier discount. */
  amountFen: Fen;
}

/**
 * Why a coupon cannot be used on this cart, or null when it can. The minimum spend counts only the
 * lines it applies to.
 */
export function couponRefusal(
  coupon: Coupon,
  memberId: Id | null,
  lines: readonly CouponLine[],
  now: number,
): CouponRefusal | null {
  if (coupon.memberId !== memberId) return 'notHers';
  if (coupon.usedSaleId !== null) return 'used';
  if (coupon.expiresAt <= now) return 'expired';
  const eligible = eligibleAmount(coupon, lines);
  if (eligible === 0) return 'noEligibleItems';
  if (eligible < coupon.minSpendFen) return 'minSpend';
  return null;
}

export function eligibleAmount(coupon: Pick<Coupon, 'category'>, lines: readonly CouponLine[]): Fen {
  return lines.reduce((s, l) => s + (coupon.category === null || l.category === coupon.category ? l.amountFen : 0), 0);
}

/** The amount a coupon takes off the eligible lines (never more than they cost). */
export function couponDiscount(
  coupon: Pick<Coupon, 'kind' | 'valueFen' | 'percentBp' | 'category'>,
  lines: readonly CouponLine[],
): Fen {
  const eligible = eligibleAmount(coupon, lines);
  const off =
    coupon.kind === 'fixed' ? coupon.valueFen : eligible - applyBasisPoints(eligible, coupon.percentBp);
  return Math.max(0, Math.min(off, eligible));
}
