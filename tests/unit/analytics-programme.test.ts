import { describe, expect, it } from 'vitest';
import { couponRedemption, pointsExpiring, storedValueSplit, tierMovement } from '../../src/lib/analytics/compute/programme';
import { entry } from '../fixtures/loyalty';

const DAY = 86_400_000;
const day = (n: number) => n * DAY;

describe('pointsExpiring: what is left of lots expiring in the window', () => {
  // Window: after day 100, up to and including day 130.
  const from = day(100);
  const to = day(130);

  it('counts the remaining points of lots due in the window, after FIFO spending', () => {
    const ann = [
      entry('a1', day(1), 100, day(110)), // in the window
      entry('a2', day(2), 50, day(120)), // in the window
      entry('a3', day(3), 80, day(200)), // later
      entry('a4', day(50), -120), // spends a1 whole and 20 of a2
    ];
    const bea = [entry('b1', day(5), 40, day(130))]; // on the last day of the window: in
    const cao = [
      entry('c1', day(5), 70, day(100)), // expires at the window's start: already due, not "expiring"
      entry('c2', day(6), 30, day(131)), // one day too late
    ];
    expect(pointsExpiring([ann, bea, cao], from, to)).toEqual({ points: 30 + 40, members: 2 });
  });

  it('ignores lots spent in full and lots that never expire', () => {
    const spent = [entry('s1', day(1), 60, day(110)), entry('s2', day(2), -60)];
    const forever = [entry('f1', day(1), 500, null)];
    expect(pointsExpiring([spent, forever], from, to)).toEqual({ points: 0, members: 0 });
  });
});

describe('storedValueSplit', () => {
  it('sums principal and bonus separately over top-ups, payments and refunds', () => {
    const rows = [
      { principalFen: 50_000, bonusFen: 5_000 }, // 充500送50
      { principalFen: -12_345, bonusFen: 0 }, // paid from principal first
      { principalFen: -37_655, bonusFen: -1_000 }, // then the bonus
      { principalFen: 20_000, bonusFen: 0 },
    ];
    expect(storedValueSplit(rows)).toEqual({ principalFen: 20_000, bonusFen: 4_000 });
    expect(storedValueSplit([])).toEqual({ principalFen: 0, bonusFen: 0 });
  });
});

describe('tierMovement', () => {
  const order = ['normal', 'silver', 'gold'];

  it('counts ups and downs by tier order and lists the pairs, most frequent first', () => {
    const changes = [
      { fromTierId: null, toTierId: 'normal', reason: 'registration' as const },
      { fromTierId: 'normal', toTierId: 'silver', reason: 'purchase' as const },
      { fromTierId: 'normal', toTierId: 'silver', reason: 'purchase' as const },
      { fromTierId: 'silver', toTierId: 'gold', reason: 'purchase' as const },
      { fromTierId: 'gold', toTierId: 'normal', reason: 'review' as const },
      { fromTierId: 'silver', toTierId: 'normal', reason: 'return' as const },
      { fromTierId: 'retired', toTierId: 'gold', reason: 'rules' as const }, // a tier since deleted
    ];
    expect(tierMovement(changes, order)).toEqual({
      up: 3,
      down: 2,
      moves: [
        { fromTierId: 'normal', toTierId: 'silver', count: 2 },
        { fromTierId: 'silver', toTierId: 'normal', count: 1 },
        { fromTierId: 'silver', toTierId: 'gold', count: 1 },
        { fromTierId: 'gold', toTierId: 'normal', count: 1 },
      ],
    });
  });
});

describe('couponRedemption', () => {
  const now = day(100);

  it('splits issued coupons into used, expired and open, with the rate rounded half up', () => {
    const coupons = [
      { usedAt: day(10), expiresAt: day(40) },
      { usedAt: day(95), expiresAt: day(130) },
      { usedAt: null, expiresAt: day(60) }, // expired unused
      { usedAt: null, expiresAt: day(100) }, // expires at now: expired
      { usedAt: null, expiresAt: day(101) }, // open
      { usedAt: null, expiresAt: day(200) }, // open
    ];
    // 2 of 6 = 3333.33… bp → 3333
    expect(couponRedemption(coupons, now)).toEqual({ issued: 6, used: 2, expired: 2, open: 2, rateBp: 3333 });
  });

  it('rounds 2 of 3 up to 6667 bp and reports 0 for none issued', () => {
    const three = [
      { usedAt: day(1), expiresAt: day(40) },
      { usedAt: day(2), expiresAt: day(40) },
      { usedAt: null, expiresAt: day(40) },
    ];
    expect(couponRedemption(three, now).rateBp).toBe(6667);
    expect(couponRedemption([], now)).toEqual({ issued: 0, used: 0, expired: 0, open: 0, rateBp: 0 });
  });
});
