import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  validateSettings,
  validateTopUpRules,
  type ShopSettings,
} from '../../src/lib/domain/settings';
import { TIER_BASES, type TierBasis } from '../../src/lib/domain/tier';

const valid: ShopSettings = { ...DEFAULT_SETTINGS, storeName: '小鹿母婴' };
const errorsOf = (patch: Partial<ShopSettings>) => validateSettings({ ...valid, ...patch });

describe('validateSettings: loyalty rules', () => {
  it('accepts the defaults once the shop has a name', () => {
    expect(validateSettings(valid)).toEqual({});
    expect(validateSettings(DEFAULT_SETTINGS)).toEqual({ storeName: 'required' });
  });

  it('points per ¥1 redeemed: whole numbers 1–10000', () => {
    for (const ok of [1, 100, 10_000]) expect(errorsOf({ pointsPerYuanRedeemed: ok })).toEqual({});
    for (const bad of [0, -100, 10_001, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(errorsOf({ pointsPerYuanRedeemed: bad })).toEqual({ pointsPerYuanRedeemed: 'redeemRateRange' });
  });

  it('points-as-cash cap: 0–10000 bp (0 % to 100 % of the bill)', () => {
    for (const ok of [0, 5000, 10_000]) expect(errorsOf({ pointsCashCapBp: ok })).toEqual({});
    for (const bad of [-1, 10_001, 50.5, Number.NaN])
      expect(errorsOf({ pointsCashCapBp: bad })).toEqual({ pointsCashCapBp: 'cashCapRange' });
  });

  it('tier grace: 0–60 whole months', () => {
    for (const ok of [0, 12, 60]) expect(errorsOf({ tierGraceMonths: ok })).toEqual({});
    for (const bad of [-1, 61, 6.5, Number.NaN])
      expect(errorsOf({ tierGraceMonths: bad })).toEqual({ tierGraceMonths: 'graceRange' });
  });

  it('delivery fee: 0–100000 fen (¥0 to ¥1,000)', () => {
    for (const ok of [0, 1000, 100_000]) expect(errorsOf({ deliveryFeeFen: ok })).toEqual({});
    for (const bad of [-1, 100_001, 999.5, Number.NaN])
      expect(errorsOf({ deliveryFeeFen: bad })).toEqual({ deliveryFeeFen: 'deliveryFeeRange' });
  });

  it('referral points: 0–100000 whole points', () => {
    for (const ok of [0, 200, 100_000]) expect(errorsOf({ referralPoints: ok })).toEqual({});
    for (const bad of [-1, 100_001, 0.5, Number.NaN])
      expect(errorsOf({ referralPoints: bad })).toEqual({ referralPoints: 'referralRange' });
  });

  it('tier basis: one of the six bases', () => {
    expect(TIER_BASES).toHaveLength(6);
    for (const ok of TIER_BASES) expect(errorsOf({ tierBasis: ok })).toEqual({});
    for (const bad of ['', 'lifetime', 'LifetimeSpend'])
      expect(errorsOf({ tierBasis: bad as TierBasis })).toEqual({ tierBasis: 'tierBasis' });
  });

  it('top-up rules: an empty list (no bonus) and the defaults are valid', () => {
    expect(errorsOf({ topUpRules: [] })).toEqual({});
    expect(
      errorsOf({
        topUpRules: [
          { minFen: 50_000, bonusFen: 5_000 },
          { minFen: 100_000, bonusFen: 15_000 },
        ],
      }),
    ).toEqual({});
    expect(errorsOf({ topUpRules: [{ minFen: 1, bonusFen: 0 }] })).toEqual({});
  });

  it('top-up rules: any bad rule marks the field', () => {
    expect(errorsOf({ topUpRules: [{ minFen: 50_000, bonusFen: 50_000 }] })).toEqual({
      topUpRules: 'topUpRules',
    });
    expect(errorsOf({ topUpRules: 'x' as unknown as ShopSettings['topUpRules'] })).toEqual({
      topUpRules: 'topUpRules',
    });
  });

  it('reports every bad field at once', () => {
    expect(
      validateSettings({
        ...valid,
        pointsPerYuanRedeemed: 0,
        pointsCashCapBp: 10_001,
        tierGraceMonths: 61,
        deliveryFeeFen: -1,
        referralPoints: 100_001,
        tierBasis: 'nope' as TierBasis,
        topUpRules: [{ minFen: 0, bonusFen: 0 }],
      }),
    ).toEqual({
      pointsPerYuanRedeemed: 'redeemRateRange',
      pointsCashCapBp: 'cashCapRange',
      topUpRules: 'topUpRules',
      tierBasis: 'tierBasis',
      tierGraceMonths: 'graceRange',
      deliveryFeeFen: 'deliveryFeeRange',
      referralPoints: 'referralRange',
    });
  });
});

describe('validateTopUpRules', () => {
  it('minimum above 0, bonus ≥ 0 and below the minimum', () => {
    expect(
      validateTopUpRules([
        { minFen: 50_000, bonusFen: 5_000 },
        { minFen: 0, bonusFen: 0 },
        { minFen: -100, bonusFen: 10 },
        { minFen: 10_000, bonusFen: -1 },
        { minFen: 10_000.5, bonusFen: 1.5 },
        { minFen: 20_000, bonusFen: 20_000 },
        { minFen: 30_000, bonusFen: 29_999 },
        { minFen: Number.NaN, bonusFen: Number.NaN },
        { minFen: 1_000_000_001, bonusFen: 0 },
      ]),
    ).toEqual([
      {},
      { minFen: 'minRange' },
      { minFen: 'minRange' },
      { bonusFen: 'bonusRange' },
      { minFen: 'minRange', bonusFen: 'bonusRange' },
      { bonusFen: 'bonusNotBelowMin' },
      {},
      { minFen: 'minRange', bonusFen: 'bonusRange' },
      { minFen: 'minRange' },
    ]);
  });

  it('a repeated minimum is marked on the later rules only', () => {
    expect(
      validateTopUpRules([
        { minFen: 50_000, bonusFen: 5_000 },
        { minFen: 100_000, bonusFen: 15_000 },
        { minFen: 50_000, bonusFen: 8_000 },
        { minFen: 50_000, bonusFen: 60_000 },
      ]),
    ).toEqual([{}, {}, { minFen: 'duplicateMin' }, { minFen: 'duplicateMin', bonusFen: 'bonusNotBelowMin' }]);
  });

  it('order does not matter and an empty list is valid', () => {
    expect(validateTopUpRules([])).toEqual([]);
    expect(
      validateTopUpRules([
        { minFen: 100_000, bonusFen: 15_000 },
        { minFen: 50_000, bonusFen: 5_000 },
      ]),
    ).toEqual([{}, {}]);
  });
});
