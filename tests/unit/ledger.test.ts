import { describe, expect, it } from 'vitest';
import { deriveAggregates, findDrift } from '../../src/lib/domain/ledger';
import { makeTiers } from '../fixtures/factories';

const tiers = makeTiers(); // normal 0 · silver 100_000 · gold 500_000 · platinum 2_000_000

const sale = (at: number, totalFen: number, refundOf: string | null = null, fullReturn = false) => ({ at, totalFen, refundOf, fullReturn });

describe('deriveAggregates', () => {
  it('is all zero and null without rows', () => {
    expect(deriveAggregates([], [])).toEqual({ pointsBalance: 0, storedValueFen: 0, lifetimeSpendFen: 0, visitCount: 0, lastPurchaseAt: null });
  });

  it('sums spend and points, counts visits, takes the latest purchase', () => {
    const sales = [sale(3000, 5000), sale(1000, 1990), sale(2000, 0)];
    const points = [{ points: 50 }, { points: 19 }, { points: -20 }];
    expect(deriveAggregates(sales, points)).toEqual({
      pointsBalance: 49,
      storedValueFen: 0,
      lifetimeSpendFen: 6990,
      visitCount: 3,
      lastPurchaseAt: 3000,
    });
  });

  it('lets a refund reduce spend but not count as a visit or a purchase', () => {
    const sales = [sale(1000, 10_000), sale(5000, -4000, 's1')];
    expect(deriveAggregates(sales, [{ points: 100 }, { points: -40 }])).toEqual({
      pointsBalance: 60,
      storedValueFen: 0,
      lifetimeSpendFen: 6000,
      visitCount: 1,
      lastPurchaseAt: 1000,
    });
  });
});

describe('findDrift', () => {
  const actual = { pointsBalance: 120, storedValueFen: 0, lifetimeSpendFen: 150_000, visitCount: 3, lastPurchaseAt: 9000 };
  const member = { id: 'm1', tierId: 'silver', ...actual };

  it('finds nothing when the cache matches', () => {
    expect(findDrift(member, actual, tiers)).toEqual([]);
  });

  it('reports every cached field that differs', () => {
    const cached = { ...member, pointsBalance: 999, visitCount: 4, lastPurchaseAt: null };
    expect(findDrift(cached, actual, tiers)).toEqual([
      { memberId: 'm1', field: 'pointsBalance', cached: 999, actual: 120 },
      { memberId: 'm1', field: 'visitCount', cached: 4, actual: 3 },
      { memberId: 'm1', field: 'lastPurchaseAt', cached: null, actual: 9000 },
    ]);
  });

  it('reports spend drift and the missed upgrade it implies', () => {
    const cached = { ...member, lifetimeSpendFen: 50_000, tierId: 'normal' };
    expect(findDrift(cached, actual, tiers)).toEqual([
      { memberId: 'm1', field: 'lifetimeSpendFen', cached: 50_000, actual: 150_000 },
      { memberId: 'm1', field: 'tierId', cached: 'normal', actual: 'silver' },
    ]);
  });

  it('accepts a tier above what the spend qualifies for', () => {
    expect(findDrift({ ...member, tierId: 'platinum' }, actual, tiers)).toEqual([]);
  });

  it('reports a tier that no longer exists', () => {
    expect(findDrift({ ...member, tierId: 'gone' }, actual, tiers)).toEqual([
      { memberId: 'm1', field: 'tierId', cached: 'gone', actual: 'silver' },
    ]);
  });

  it('skips the tier check without tiers', () => {
    expect(findDrift({ ...member, tierId: 'gone' }, actual, [])).toEqual([]);
  });
});

describe('deriveAggregates: returns and stored value', () => {
  it('undoes the visit of a sale returned in full, not of a partial return', () => {
    const sales = [sale(1000, 10_000), sale(2000, 6_000), sale(3000, -4_000, 's1'), sale(4000, -6_000, 's2', true)];
    expect(deriveAggregates(sales, [])).toMatchObject({ lifetimeSpendFen: 6_000, visitCount: 1, lastPurchaseAt: 2000 });
  });

  it('sums principal and bonus of the stored-value ledger', () => {
    const sv = [
      { principalFen: 50_000, bonusFen: 5_000 },
      { principalFen: -30_000, bonusFen: 0 },
      { principalFen: 2_500, bonusFen: 0 },
    ];
    expect(deriveAggregates([], [], sv).storedValueFen).toBe(27_500);
  });

  it('reports stored-value drift', () => {
    const m = { id: 'm1', tierId: 'normal', pointsBalance: 0, storedValueFen: 100, lifetimeSpendFen: 0, visitCount: 0, lastPurchaseAt: null };
    expect(findDrift(m, deriveAggregates([], [], [{ principalFen: 90, bonusFen: 0 }]), tiers)).toEqual([
      { memberId: 'm1', field: 'storedValueFen', cached: 100, actual: 90 },
    ]);
  });
});
