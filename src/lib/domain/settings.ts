import { MAX_FEN, type BasisPoints, type Fen } from './money';
import { DEFAULT_TOP_UP_RULES, type TopUpRule } from './stored-value';
import { validatePaidPlan, type PaidPlan } from './paid-membership';
import { TIER_BASES, type TierBasis } from './tier';

/** The key of the one `settings` row that holds ShopSettings. */
export const SETTINGS_KEY = 'shop';

/** Shop-wide rules, kept as one row in the `settings` table. */
export interface ShopSettings {
  storeName: string;
  /** 10000 = 1 point per ¥1 actually paid. */
  pointsEarnRateBp: BasisPoints;
  /** Months an earning lot lives; 0 = never expires. */
  pointsExpiryMonths: number;
  /** Points that make ¥1 when paying with points (100 = 1 point per fen). */
  pointsPerYuanRedeemed: number;
  /** At most this share of a bill may be paid with points (5000 = 50 %). */
  pointsCashCapBp: BasisPoints;
  /** Whether money paid from stored value earns points. */
  storedValueEarnsPoints: boolean;
  /** Pay from the principal first and the bonus last. */
  storedValueBonusLast: boolean;
  /** A return may take back points already spent, leaving a negative balance (else the take-back is capped). */
  allowNegativePoints: boolean;
  topUpRules: TopUpRule[];
  tierBasis: TierBasis;
  /** A tier is kept at least this many months from reaching it before a review may lower it. */
  tierGraceMonths: number;
  /** Fee of a delivery, waived for tiers with free delivery. */
  deliveryFeeFen: Fen;
  /** Points each side gets when a referred member completes her first purchase. */
  referralPoints: number;
  /** Coupon template both sides of a referral also get (null = none). */
  referralCouponTemplateId: string | null;
  /** Coupon template every member gets on her birthday, once a year (null = none). */
  birthdayCouponTemplateId: string | null;
  /** Points for completing the profile (birthday, region, address and a baby), once; 0 = none. */
  profileRewardPoints: number;
  /** The paid card on offer, or null when the shop sells none. */
  paidPlan: PaidPlan | null;
}

export const DEFAULT_SETTINGS: ShopSettings = {
  storeName: '',
  pointsEarnRateBp: 10000,
  pointsExpiryMonths: 12,
  pointsPerYuanRedeemed: 100,
  pointsCashCapBp: 5000,
  storedValueEarnsPoints: false,
  storedValueBonusLast: true,
  allowNegativePoints: false,
  topUpRules: DEFAULT_TOP_UP_RULES,
  tierBasis: 'lifetimeSpend',
  tierGraceMonths: 12,
  deliveryFeeFen: 1000,
  referralPoints: 200,
  referralCouponTemplateId: null,
  birthdayCouponTemplateId: null,
  profileRewardPoints: 0,
  paidPlan: null,
};

export type SettingsError =
  | 'required'
  | 'tooLong'
  | 'earnRateRange'
  | 'expiryRange'
  | 'redeemRateRange'
  | 'cashCapRange'
  | 'topUpRules'
  | 'tierBasis'
  | 'graceRange'
  | 'deliveryFeeRange'
  | 'referralRange'
  | 'paidPlan';

/** Limits of the loyalty settings (inclusive). */
export const SETTINGS_LIMITS = {
  pointsPerYuanRedeemed: { min: 1, max: 10_000 },
  pointsCashCapBp: { min: 0, max: 10_000 },
  tierGraceMonths: { min: 0, max: 60 },
  deliveryFeeFen: { min: 0, max: 100_000 },
  referralPoints: { min: 0, max: 100_000 },
  profileRewardPoints: { min: 0, max: 100_000 },
} as const;

const inRange = (n: unknown, r: { min: number; max: number }) =>
  typeof n === 'number' && Number.isInteger(n) && n >= r.min && n <= r.max;

export function validateSettings(s: ShopSettings): Partial<Record<keyof ShopSettings, SettingsError>> {
  const e: Partial<Record<keyof ShopSettings, SettingsError>> = {};
  if (s.storeName.trim() === '') e.storeName = 'required';
  else if (s.storeName.length > 40) e.storeName = 'tooLong';
  if (!Number.isInteger(s.pointsEarnRateBp) || s.pointsEarnRateBp < 0 || s.pointsEarnRateBp > 1_000_000)
    e.pointsEarnRateBp = 'earnRateRange';
  if (!Number.isInteger(s.pointsExpiryMonths) || s.pointsExpiryMonths < 0 || s.pointsExpiryMonths > 120)
    e.pointsExpiryMonths = 'expiryRange';
  if (!inRange(s.pointsPerYuanRedeemed, SETTINGS_LIMITS.pointsPerYuanRedeemed))
    e.pointsPerYuanRedeemed = 'redeemRateRange';
  if (!inRange(s.pointsCashCapBp, SETTINGS_LIMITS.pointsCashCapBp)) e.pointsCashCapBp = 'cashCapRange';
  if (!Array.isArray(s.topUpRules) || validateTopUpRules(s.topUpRules).some((r) => Object.keys(r).length > 0))
    e.topUpRules = 'topUpRules';
  if (!TIER_BASES.includes(s.tierBasis)) e.tierBasis = 'tierBasis';
  if (!inRange(s.tierGraceMonths, SETTINGS_LIMITS.tierGraceMonths)) e.tierGraceMonths = 'graceRange';
  if (!inRange(s.deliveryFeeFen, SETTINGS_LIMITS.deliveryFeeFen)) e.deliveryFeeFen = 'deliveryFeeRange';
  if (!inRange(s.referralPoints, SETTINGS_LIMITS.referralPoints)) e.referralPoints = 'referralRange';
  if (!inRange(s.profileRewardPoints, SETTINGS_LIMITS.profileRewardPoints)) e.profileRewardPoints = 'referralRange';
  if (s.paidPlan && Object.keys(validatePaidPlan(s.paidPlan)).length > 0) e.paidPlan = 'paidPlan';
  return e;
}

/**
 * minRange: not a whole number of fen above 0 (up to MAX_FEN) · bonusRange: not a whole number of
 * fen ≥ 0 · bonusNotBelowMin: the bonus is not less than the top-up it rewards · duplicateMin: an
 * earlier rule has the same minimum.
 */
export type TopUpRuleError = 'minRange' | 'bonusRange' | 'bonusNotBelowMin' | 'duplicateMin';

/** Field problems of each top-up bonus rule, in the order given (an empty list is valid: no bonus). */
export function validateTopUpRules(
  rules: readonly TopUpRule[],
): Partial<Record<keyof TopUpRule, TopUpRuleError>>[] {
  const seen = new Set<number>();
  return rules.map((r) => {
    const e: Partial<Record<keyof TopUpRule, TopUpRuleError>> = {};
    const minOk = Number.isSafeInteger(r.minFen) && r.minFen > 0 && r.minFen <= MAX_FEN;
    if (!minOk) e.minFen = 'minRange';
    else if (seen.has(r.minFen)) e.minFen = 'duplicateMin';
    else seen.add(r.minFen);
    if (!Number.isSafeInteger(r.bonusFen) || r.bonusFen < 0) e.bonusFen = 'bonusRange';
    else if (minOk && r.bonusFen >= r.minFen) e.bonusFen = 'bonusNotBelowMin';
    return e;
  });
}
