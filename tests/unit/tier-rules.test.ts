import { describe, expect, it } from 'vitest';
import {
  meetsTier,
  qualifyingTierBy,
  standingFrom,
  tierAfterPurchaseBy,
  tierAfterReview,
  windowStart,
  type Standing,
  type TierBasis,
} from '../../src/lib/domain/tier';
import { localInstant, makeTier } from '../fixtures/factories';

// Spend thresholds with visit thresholds beside them (visits in the last 12 months).
const tiers = [
  makeTier({ id: 'normal', thresholdFen: 0, visitThreshold: 0 }),
  makeTier({ id: 'silver', thresholdFen: 200_000, visitThreshold: 5 }),
  makeTier({ id: 'gold', thresholdFen: 500_000, visitThreshold: 12 }),
  makeTier({ id: 'platinum', thresholdFen: 1_000_000, visitThreshold: 24 }),
];
const silver = tiers[1]!;
const st = (lifetimeSpendFen: number, rollingSpendFen: number, visits12: number): Standing => ({ lifetimeSpendFen, rollingSpendFen, visits12 });

describe('meetsTier, for each basis', () => {
  it('lifetime spend: only the spend of all time', () => {
    expect(meetsTier(silver, st(200_000, 0, 0), 'lifetimeSpend')).toBe(true);
    expect(meetsTier(silver, st(199_999, 900_000, 99), 'lifetimeSpend')).toBe(false);
  });

  it('rolling spend: only the spend of the last 12 months', () => {
    expect(meetsTier(silver, st(0, 200_000, 0), 'rollingSpend')).toBe(true);
    expect(meetsTier(silver, st(900_000, 199_999, 99), 'rollingSpend')).toBe(false);
  });

  it('visits: only the visits of the last 12 months', () => {
    expect(meetsTier(silver, st(0, 0, 5), 'visits')).toBe(true);
    expect(meetsTier(silver, st(900_000, 900_000, 4), 'visits')).toBe(false);
  });

  it('spend AND visits: both', () => {
    expect(meetsTier(silver, st(0, 200_000, 5), 'spendAndVisits')).toBe(true);
    expect(meetsTier(silver, st(0, 200_000, 4), 'spendAndVisits')).toBe(false);
    expect(meetsTier(silver, st(900_000, 199_999, 5), 'spendAndVisits')).toBe(false);
  });

  it('spend OR visits: either; a tier without a visit threshold is reached by spend only', () => {
    expect(meetsTier(silver, st(0, 200_000, 0), 'spendOrVisits')).toBe(true);
    expect(meetsTier(silver, st(0, 0, 5), 'spendOrVisits')).toBe(true);
    expect(meetsTier(silver, st(0, 199_999, 4), 'spendOrVisits')).toBe(false);
    const spendOnly = { thresholdFen: 200_000, visitThreshold: 0 };
    expect(meetsTier(spendOnly, st(0, 0, 50), 'spendOrVisits')).toBe(false);
    expect(meetsTier(spendOnly, st(0, 0, 50), 'visits')).toBe(true); // 50 ≥ 0
  });
});

describe('qualifyingTierBy', () => {
  it.each<[TierBasis, Standing, string]>([
    ['lifetimeSpend', st(600_000, 0, 0), 'gold'],
    ['rollingSpend', st(600_000, 250_000, 0), 'silver'],
    ['visits', st(0, 0, 24), 'platinum'],
    ['spendAndVisits', st(0, 600_000, 6), 'silver'],
    ['spendOrVisits', st(0, 250_000, 12), 'gold'],
    ['spendAndVisits', st(0, 0, 0), 'normal'],
  ])('%s %o → %s', (basis, standing, id) => {
    expect(qualifyingTierBy([...tiers].reverse(), standing, basis).id).toBe(id);
  });

  it('upgrades at checkout under the shop rule, never down', () => {
    expect(tierAfterPurchaseBy(tiers, 'normal', st(0, 0, 12), 'visits').id).toBe('gold');
    expect(tierAfterPurchaseBy(tiers, 'gold', st(0, 0, 1), 'visits').id).toBe('gold');
  });
});

describe('tierAfterReview (grace period)', () => {
  const G = localInstant(2027, 3, 1, 10, 0); // grace ends
  const onlySilver = st(0, 250_000, 0);

  it('keeps the tier before the grace period ends', () => {
    expect(tierAfterReview(tiers, 'gold', onlySilver, 'rollingSpend', G, G - 1)).toBeNull();
  });

  it('moves her to the tier she qualifies for from the instant it ends', () => {
    expect(tierAfterReview(tiers, 'gold', onlySilver, 'rollingSpend', G, G)?.id).toBe('silver');
    expect(tierAfterReview(tiers, 'gold', st(0, 0, 0), 'rollingSpend', G, G + 86_400_000)?.id).toBe('normal');
  });

  it('never raises anyone, and leaves a member who still qualifies alone', () => {
    expect(tierAfterReview(tiers, 'silver', st(0, 600_000, 0), 'rollingSpend', G, G + 1)).toBeNull();
    expect(tierAfterReview(tiers, 'gold', st(0, 500_000, 0), 'rollingSpend', G, G + 1)).toBeNull();
  });

  it('places a member of a tier that no longer exists at once', () => {
    expect(tierAfterReview(tiers, 'gone', onlySilver, 'rollingSpend', G, G - 1)?.id).toBe('silver');
  });
});

describe('the 12-month window', () => {
  it('starts 12 calendar months back (the 29th of February falls on the 28th)', () => {
    expect(windowStart(localInstant(2027, 3, 15, 9, 30))).toBe(localInstant(2026, 3, 15, 9, 30));
    expect(windowStart(localInstant(2028, 2, 29, 9, 30))).toBe(localInstant(2027, 2, 28, 9, 30));
  });

  it('counts a return with its sale: one of a sale before the window changes nothing', () => {
    const sales = [
      { id: 's1', totalFen: 10_000, refundOf: null, fullReturn: false },
      { id: 's2', totalFen: 15_000, refundOf: null, fullReturn: false },
      { id: 'r1', totalFen: -10_000, refundOf: 's1', fullReturn: true }, // s1 wholly returned: no visit
      { id: 'r2', totalFen: -5_000, refundOf: 's2', fullReturn: false }, // part of s2
      { id: 'r0', totalFen: -8_000, refundOf: 's0', fullReturn: true }, // s0 is older than the window
    ];
    expect(standingFrom(123_456, sales)).toEqual({ lifetimeSpendFen: 123_456, rollingSpendFen: 10_000, visits12: 1, growth: 0 });
    expect(standingFrom(0, [], 250)).toEqual({ lifetimeSpendFen: 0, rollingSpendFen: 0, visits12: 0, growth: 250 });
  });
});
