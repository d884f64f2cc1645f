import { describe, expect, it } from 'vitest';
import { lastScoreByMember, meanTenths, satisfaction, type ScoreRow } from '../../src/lib/analytics/compute/satisfaction';
import { localInstant } from '../fixtures/factories';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const row = (y: number, m: number, d: number, score: number, source: 'sale' | 'event' = 'sale'): ScoreRow => ({
  at: localInstant(y, m, d, 12),
  score,
  source,
});

describe('satisfaction', () => {
  it('rounds a mean in tenths half up', () => {
    expect(meanTenths(0, 0)).toBeNull();
    expect(meanTenths(9, 2)).toBe(45); // 4.5 exactly
    expect(meanTenths(13, 3)).toBe(43); // 4.333…
    expect(meanTenths(14, 3)).toBe(47); // 4.666…
    expect(meanTenths(17, 4)).toBe(43); // 4.25 → 4.3
    expect(meanTenths(5, 5)).toBe(10);
  });

  it('gives the period mean and spread and a twelve-month trend, skipping scores outside 1–5', () => {
    const rows = [
      row(2026, 3, 2, 5),
      row(2026, 3, 15, 4, 'event'),
      row(2026, 3, 31, 2),
      row(2026, 4, 1, 1), // after the period and its trend
      row(2026, 2, 10, 3, 'event'),
      row(2026, 2, 11, 4),
      row(2025, 4, 1, 5), // the first month of the trend
      row(2025, 3, 31, 5), // before it
      { ...row(2026, 3, 3, 0), score: 0 },
      { ...row(2026, 3, 3, 0), score: 4.5 },
    ];
    const r = satisfaction(rows, MARCH);
    expect(r.scores).toBe(3);
    expect(r.meanTenths).toBe(37); // 11 / 3 = 3.67
    expect(r.distribution).toEqual([0, 1, 0, 1, 1]);
    expect(r.months).toHaveLength(12);
    expect(r.months[0]).toEqual({ month: '2025-04', scores: 1, meanTenths: 50, fromSales: 1, fromEvents: 0 });
    expect(r.months.slice(-2)).toEqual([
      { month: '2026-02', scores: 2, meanTenths: 35, fromSales: 1, fromEvents: 1 },
      { month: '2026-03', scores: 3, meanTenths: 37, fromSales: 2, fromEvents: 1 },
    ]);
    expect(r.months[5]).toEqual({ month: '2025-09', scores: 0, meanTenths: null, fromSales: 0, fromEvents: 0 });
  });

  it('has no mean for a period without scores', () => {
    expect(satisfaction([], MARCH)).toMatchObject({ scores: 0, meanTenths: null, distribution: [0, 0, 0, 0, 0] });
  });

  it("keeps each member's most recent score", () => {
    const last = lastScoreByMember([
      { memberId: 'a', at: 3, score: 2 },
      { memberId: 'a', at: 5, score: 4 },
      { memberId: 'a', at: 4, score: 1 },
      { memberId: 'b', at: 1, score: 5 },
    ]);
    expect([...last].sort()).toEqual([
      ['a', 4],
      ['b', 5],
    ]);
  });
});
