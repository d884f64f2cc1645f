import { describe, expect, it } from 'vitest';
import { dueExpiries, expiryRows, nextExpiry, replayLots } from '../../src/lib/domain/lots';
import { pointsBalance } from '../../src/lib/domain/points';
import { counterId } from '../fixtures/factories';
import { entry } from '../fixtures/loyalty';

const DAY = 86_400_000;
const day = (n: number) => n * DAY;

// Three lots, earned on days 1, 2 and 3, expiring on days 400, 401 and 402.
const L1 = entry('L1', day(1), 100, day(400));
const L2 = entry('L2', day(2), 50, day(401));
const L3 = entry('L3', day(3), 80, day(402));

const remaining = (entries: Parameters<typeof replayLots>[0]) =>
  Object.fromEntries(replayLots(entries).lots.map((l) => [l.entryId, l.remaining]));

describe('replayLots: first in, first out', () => {
  it('spends the oldest lot first, across three lots', () => {
    const entries = [L1, L2, L3, entry('r1', day(10), -120), entry('r2', day(11), -40)];
    // r1 takes L1's 100 and 20 of L2; r2 takes L2's last 30 and 10 of L3
    expect(remaining(entries)).toEqual({ L1: 0, L2: 0, L3: 70 });
    expect(replayLots(entries).deficit).toBe(0);
  });

  it('lets one redemption consume two lots', () => {
    expect(remaining([L1, L2, L3, entry('r', day(10), -130)])).toEqual({ L1: 0, L2: 20, L3: 80 });
  });

  it('replays in time order whatever order the rows come in', () => {
    const entries = [entry('r1', day(10), -120), L3, L2, L1];
    expect(remaining(entries)).toEqual({ L1: 0, L2: 30, L3: 80 });
  });

  it('takes from the lot a row names first (`lotId`), then the oldest', () => {
    expect(remaining([L1, L2, L3, entry('x', day(10), -30, null, 'L2')])).toEqual({ L1: 100, L2: 20, L3: 80 });
    // more than the named lot holds: the rest comes from the oldest lot
    expect(remaining([L1, L2, L3, entry('x', day(10), -60, null, 'L2')])).toEqual({ L1: 90, L2: 0, L3: 80 });
  });

  it('never spends a lot on or after its expiry instant', () => {
    // at day 400 exactly L1 is dead: the redemption comes out of L2 and L3
    expect(remaining([L1, L2, L3, entry('r', day(400), -60)])).toEqual({ L1: 100, L2: 0, L3: 70 });
    // one ms before, L1 still pays
    expect(remaining([L1, L2, L3, entry('r', day(400) - 1, -60)])).toEqual({ L1: 40, L2: 50, L3: 80 });
  });

  it('records what no lot covers as a deficit, repaid first by the next lot', () => {
    const entries = [entry('A', day(1), 50, day(400)), entry('neg', day(5), -80), entry('B', day(6), 100, day(405))];
    const { lots, deficit } = replayLots(entries);
    expect(deficit).toBe(0);
    expect(lots.map((l) => [l.entryId, l.remaining])).toEqual([
      ['A', 0],
      ['B', 70],
    ]);
    expect(replayLots(entries.slice(0, 2)).deficit).toBe(30);
  });

  it('puts an earning before a spending of the same instant', () => {
    const entries = [entry('spend', day(5), -40), entry('earn', day(5), 40, day(400))];
    expect(replayLots(entries)).toEqual({
      lots: [{ entryId: 'earn', at: day(5), expiresAt: day(400), points: 40, remaining: 0 }],
      deficit: 0,
    });
  });
});

describe('dueExpiries and expiryRows', () => {
  const spent = [L1, L2, L3, entry('r', day(10), -60)]; // L1 40 left, L2 50, L3 80

  it('expires a lot exactly at its expiresAt, not one ms before', () => {
    expect(dueExpiries(spent, day(400) - 1)).toEqual([]);
    expect(dueExpiries(spent, day(400))).toEqual([{ lotId: 'L1', points: 40, expiresAt: day(400) }]);
  });

  it('expires every lot due, with what is left of each, and skips empty lots', () => {
    expect(dueExpiries(spent, day(401))).toEqual([
      { lotId: 'L1', points: 40, expiresAt: day(400) },
      { lotId: 'L2', points: 50, expiresAt: day(401) },
    ]);
    const allSpent = [L1, L2, L3, entry('r', day(10), -100)]; // L1 empty
    expect(dueExpiries(allSpent, day(401))).toEqual([{ lotId: 'L2', points: 50, expiresAt: day(401) }]);
  });

  it('writes one expire row per lot, naming it, and nothing once they are appended', () => {
    const newId = counterId('x');
    const rows = expiryRows('m1', spent, day(401), newId);
    expect(rows).toEqual([
      { id: 'x-0001', memberId: 'm1', at: day(401), kind: 'expire', points: -40, saleId: null, expiresAt: null, lotId: 'L1', reason: '', createdAt: day(401), updatedAt: day(401) },
      { id: 'x-0002', memberId: 'm1', at: day(401), kind: 'expire', points: -50, saleId: null, expiresAt: null, lotId: 'L2', reason: '', createdAt: day(401), updatedAt: day(401) },
    ]);
    const after = [...spent, ...rows];
    expect(dueExpiries(after, day(401))).toEqual([]);
    expect(expiryRows('m1', after, day(401), newId)).toEqual([]);
    expect(pointsBalance(after)).toBe(80); // only L3 is left
    expect(remaining(after)).toEqual({ L1: 0, L2: 0, L3: 80 });
    // a day later L3 is due in its turn, and only L3
    expect(dueExpiries(after, day(402))).toEqual([{ lotId: 'L3', points: 80, expiresAt: day(402) }]);
  });

  it('never expires a lot without a date', () => {
    expect(dueExpiries([entry('forever', day(1), 500, null)], day(100_000))).toEqual([]);
  });
});

describe('nextExpiry', () => {
  it('tells the earliest date with live points and how many expire then', () => {
    const spent = [L1, L2, L3, entry('r', day(10), -60)];
    expect(nextExpiry(spent, day(100))).toEqual({ points: 40, expiresAt: day(400) });
    // at day 400 L1 is past: next is L2
    expect(nextExpiry(spent, day(400))).toEqual({ points: 50, expiresAt: day(401) });
    // two lots on the same date add up
    expect(nextExpiry([...spent, entry('L4', day(4), 7, day(400))], day(100))).toEqual({ points: 47, expiresAt: day(400) });
  });

  it('skips spent lots and is null when nothing will expire', () => {
    expect(nextExpiry([L1, L2, entry('r', day(10), -100)], day(100))).toEqual({ points: 50, expiresAt: day(401) });
    expect(nextExpiry([entry('forever', day(1), 500, null)], day(2))).toBeNull();
    expect(nextExpiry([], day(2))).toBeNull();
  });
});
