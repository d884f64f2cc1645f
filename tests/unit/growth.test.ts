import { describe, expect, it } from 'vitest';
import {
  decayDue,
  GROWTH_DEFAULTS,
  growthFromHistory,
  purchaseGrowth,
  returnGrowth,
  tenureDue,
  validateGrowthWeights,
} from '../../src/lib/domain/growth';
import { meetsTier, qualifyingTierBy } from '../../src/lib/domain/tier';

const W = GROWTH_DEFAULTS; // 1 per ¥, 10 per visit, 20 per event, 50 profile, 5 per month

describe('growth accrual', () => {
  it('gives ⌊paid ¥ × perYuan⌋ for the spend and perVisit for the visit', () => {
    expect(purchaseGrowth(8_480, W)).toEqual({ spend: 84, visit: 10 });
    expect(purchaseGrowth(0, W)).toEqual({ spend: 0, visit: 10 });
    expect(purchaseGrowth(12_345, { ...W, perYuan: 3, perVisit: 0 })).toEqual({ spend: 370, visit: 0 });
  });

  it('takes back a partial return in proportion, and a completing return everything left', () => {
    const sale = { spend: 100, visit: 10, totalFen: 10_000 };
    // ¥33.33 of ¥100 returned: ⌊100 × 3333 / 10000⌋ = 33.
    const first = returnGrowth(sale, { spend: 0, visit: 0 }, 3_333, false);
    expect(first).toEqual({ spend: -33, visit: 0 });
    // The rest comes back: everything still left, the visit too — the sale nets to zero.
    const rest = returnGrowth(sale, { spend: 33, visit: 0 }, 6_667, true);
    expect(rest).toEqual({ spend: -67, visit: -10 });
    expect(100 + 10 + first.spend + rest.spend + rest.visit).toBe(0);
    // A share never takes back more than is left.
    expect(returnGrowth(sale, { spend: 95, visit: 0 }, 9_000, false)).toEqual({ spend: -5, visit: 0 });
  });

  it('credits completed months of membership not yet credited', () => {
    expect(tenureDue('2026-01-15', '2026-12-14', 0, W)).toEqual({ months: 10, value: 50 });
    expect(tenureDue('2026-01-15', '2026-12-15', 10, W)).toEqual({ months: 1, value: 5 });
    expect(tenureDue('2026-01-15', '2026-12-15', 11, W)).toBeNull();
    expect(tenureDue('2027-01-01', '2026-12-15', 0, W)).toBeNull();
  });

  it('decays a share once a year, rounded down, and not at all by default', () => {
    expect(decayDue(1_000, 2027, 2026, W)).toBeNull();
    const decaying = { ...W, decayPct: 20 };
    expect(decayDue(1_005, 2027, 2026, decaying)).toBe(-201);
    expect(decayDue(1_005, 2027, 2027, decaying)).toBeNull();
    expect(decayDue(1_005, 2028, 2026, decaying)).toBe(-201);
    expect(decayDue(0, 2027, 2026, decaying)).toBeNull();
  });

  it('replays a history exactly as the counter writes it', () => {
    const h = {
      sales: [
        { id: 's1', totalFen: 10_000, refundOf: null, fullReturn: false },
        { id: 's2', totalFen: 5_050, refundOf: null, fullReturn: false },
        { id: 'r1', totalFen: -3_333, refundOf: 's1', fullReturn: false },
        { id: 'r2', totalFen: -5_050, refundOf: 's2', fullReturn: true },
      ],
      eventsAttended: 2,
      profileComplete: true,
      joinedOn: '2026-03-10',
    };
    // s1 100 + 10 − 33; s2 50 + 10 − 60; events 40; profile 50; 8 months × 5 = 40.
    expect(growthFromHistory(h, '2026-12-05', W)).toEqual({ value: 77 + 0 + 40 + 50 + 40, months: 8 });
  });

  it('validates the weights', () => {
    expect(validateGrowthWeights(W)).toEqual([]);
    expect(validateGrowthWeights({ ...W, perYuan: -1, decayPct: 101, perMonth: 1.5 })).toEqual(['perYuan', 'perMonth', 'decayPct']);
  });
});

describe('the growth tier basis', () => {
  const tiers = [
    { id: 'normal', thresholdFen: 0, visitThreshold: 0 },
    { id: 'silver', thresholdFen: 100_000, visitThreshold: 0 },
    { id: 'gold', thresholdFen: 500_000, visitThreshold: 0 },
  ];
  const standing = (growth: number) => ({ lifetimeSpendFen: 0, rollingSpendFen: 0, visits12: 0, growth });

  it('reads a ¥ threshold as growth value (¥1 = 1)', () => {
    expect(meetsTier(tiers[1]!, standing(999), 'growth')).toBe(false);
    expect(meetsTier(tiers[1]!, standing(1_000), 'growth')).toBe(true);
    expect(qualifyingTierBy(tiers, standing(4_999), 'growth').id).toBe('silver');
    expect(qualifyingTierBy(tiers, standing(5_000), 'growth').id).toBe('gold');
    expect(qualifyingTierBy(tiers, { lifetimeSpendFen: 900_000, rollingSpendFen: 0, visits12: 0 }, 'growth').id).toBe('normal');
  });
});
