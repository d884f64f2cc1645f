import { describe, expect, it } from 'vitest';
import {
  nextTierProgress,
  qualifyingTier,
  sortTiers,
  tierAfterPurchase,
  tierDiscount,
  tierRank,
  validateTiers,
  type TierInput,
} from '../../src/lib/domain/tier';
import { makeTiers, TIER_INPUTS } from '../fixtures/factories';

// normal 0 · silver ¥1,000 (100_000 fen) · gold ¥5,000 (500_000) · platinum ¥20,000 (2_000_000)
const tiers = makeTiers();
const shuffled = [tiers[2]!, tiers[0]!, tiers[3]!, tiers[1]!];

describe('sortTiers and tierRank', () => {
  it('orders by threshold', () => {
    expect(sortTiers(shuffled).map((t) => t.id)).toEqual(['normal', 'silver', 'gold', 'platinum']);
    expect(shuffled.map((t) => t.id)).toEqual(['gold', 'normal', 'platinum', 'silver']); // not mutated
  });

  it('ranks by threshold, -1 for an unknown id', () => {
    expect(tierRank(shuffled, 'normal')).toBe(0);
    expect(tierRank(shuffled, 'platinum')).toBe(3);
    expect(tierRank(shuffled, 'nope')).toBe(-1);
    expect(tierRank(shuffled, null)).toBe(-1);
  });
});

describe('qualifyingTier', () => {
  it.each([
    [0, 'normal'],
    [99_999, 'normal'],
    [100_000, 'silver'],
    [499_999, 'silver'],
    [500_000, 'gold'],
    [1_999_999, 'gold'],
    [2_000_000, 'platinum'],
    [50_000_000, 'platinum'],
    [-500, 'normal'],
  ])('spend %i fen → %s', (spend, id) => {
    expect(qualifyingTier(shuffled, spend).id).toBe(id);
  });

  it('throws without tiers', () => {
    expect(() => qualifyingTier([], 0)).toThrow('No tiers configured');
  });
});

describe('tierAfterPurchase', () => {
  it('upgrades one tier when the spend reaches it', () => {
    expect(tierAfterPurchase(tiers, 'normal', 100_000).id).toBe('silver');
  });

  it('crosses two tiers at once', () => {
    expect(tierAfterPurchase(tiers, 'normal', 600_000).id).toBe('gold');
    expect(tierAfterPurchase(tiers, 'silver', 2_000_000).id).toBe('platinum');
  });

  it('stays when the spend does not reach the next tier', () => {
    expect(tierAfterPurchase(tiers, 'silver', 499_999).id).toBe('silver');
  });

  it('never downgrades', () => {
    expect(tierAfterPurchase(tiers, 'gold', 0).id).toBe('gold');
    expect(tierAfterPurchase(tiers, 'platinum', 150_000).id).toBe('platinum');
    expect(tierAfterPurchase(shuffled, 'gold', 100_000).id).toBe('gold');
  });

  it('uses the qualifying tier when the current tier is unknown or null', () => {
    expect(tierAfterPurchase(tiers, null, 150_000).id).toBe('silver');
    expect(tierAfterPurchase(tiers, 'deleted-tier', 0).id).toBe('normal');
  });
});

describe('nextTierProgress', () => {
  it('tells the next tier and the spend still missing', () => {
    expect(nextTierProgress(tiers, 'normal', 30_000)).toEqual({ next: tiers[1], remainingFen: 70_000 });
    expect(nextTierProgress(tiers, 'normal', 0)).toEqual({ next: tiers[1], remainingFen: 100_000 });
    expect(nextTierProgress(tiers, 'silver', 100_000)).toEqual({ next: tiers[2], remainingFen: 400_000 });
    expect(nextTierProgress(shuffled, 'gold', 1_999_999)).toEqual({ next: tiers[3], remainingFen: 1 });
  });

  it('skips tiers the spend already reaches', () => {
    // Still normal (no upgrade yet) but already past silver and gold: the next one to reach is platinum.
    expect(nextTierProgress(tiers, 'normal', 600_000)).toEqual({ next: tiers[3], remainingFen: 1_400_000 });
  });

  it('measures from the current tier when it sits above what the spend qualifies for', () => {
    expect(nextTierProgress(tiers, 'gold', 100_000)).toEqual({ next: tiers[3], remainingFen: 1_900_000 });
  });

  it('is null at the top tier', () => {
    expect(nextTierProgress(tiers, 'platinum', 2_500_000)).toBeNull();
    expect(nextTierProgress(tiers, 'platinum', 0)).toBeNull();
    expect(nextTierProgress(tiers, 'gold', 2_000_000)).toBeNull();
  });

  it('starts from the lowest tier when the current tier is unknown', () => {
    expect(nextTierProgress(tiers, null, 20_000)).toEqual({ next: tiers[1], remainingFen: 80_000 });
  });
});

describe('tierDiscount', () => {
  it('rounds the price half up and gives the discount', () => {
    expect(tierDiscount(1990, 9500)).toEqual({ payFen: 1891, discountFen: 99 });
    expect(tierDiscount(1999, 9500)).toEqual({ payFen: 1899, discountFen: 100 });
    expect(tierDiscount(10000, 8000)).toEqual({ payFen: 8000, discountFen: 2000 });
    expect(tierDiscount(1999, 10000)).toEqual({ payFen: 1999, discountFen: 0 });
    expect(tierDiscount(0, 8000)).toEqual({ payFen: 0, discountFen: 0 });
  });
});

describe('validateTiers', () => {
  it('accepts a good list', () => {
    expect(validateTiers(TIER_INPUTS)).toEqual({ rows: [{}, {}, {}, {}], list: null });
  });

  it('reports an empty list', () => {
    expect(validateTiers([])).toEqual({ rows: [], list: 'empty' });
  });

  it('requires a tier at 0', () => {
    const list = TIER_INPUTS.map((t) => ({ ...t, thresholdFen: t.thresholdFen + 1 }));
    expect(validateTiers(list).list).toBe('noZeroTier');
  });

  it('refuses two tiers with the same threshold', () => {
    const list: TierInput[] = [...TIER_INPUTS, { ...TIER_INPUTS[1]!, name: '银卡二' }];
    expect(validateTiers(list).list).toBe('duplicateThreshold');
  });

  it('reports field problems per row', () => {
    const base = TIER_INPUTS[0]!;
    const result = validateTiers([
      base,
      { ...base, name: '   ', thresholdFen: -1, discountBp: 999, pointsMultiplierBp: -1 },
      { ...base, name: 'x', thresholdFen: 1.5, discountBp: 10001, pointsMultiplierBp: 100001 },
      { ...base, name: 'y', thresholdFen: 5, discountBp: 9500.5, pointsMultiplierBp: 1.5 },
      { ...base, name: 'z', thresholdFen: 6, discountBp: 1000, pointsMultiplierBp: 0 },
      { ...base, name: 'w', thresholdFen: 7, discountBp: 10000, pointsMultiplierBp: 100000 },
    ]);
    expect(result.rows).toEqual([
      {},
      { name: 'nameEmpty', thresholdFen: 'thresholdNegative', discountBp: 'discountRange', pointsMultiplierBp: 'multiplierRange' },
      { thresholdFen: 'thresholdNegative', discountBp: 'discountRange', pointsMultiplierBp: 'multiplierRange' },
      { discountBp: 'discountRange', pointsMultiplierBp: 'multiplierRange' },
      {},
      {},
    ]);
    expect(result.list).toBeNull();
  });
});
