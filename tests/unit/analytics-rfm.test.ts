import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/lib/analytics/compute/facts';
import {
  DEFAULT_THRESHOLDS,
  quintiles,
  rfm,
  rfmClass,
  rfmScores,
  summarise,
  type RfmInputRow,
} from '../../src/lib/analytics/compute/rfm';
import { MEMBERS, SALES, TODAY } from '../fixtures/analytics-shop';

/**
 * Ten members, worked out by hand. Quintile score = 1 + ⌊5 × (members strictly worse) ÷ 10⌋:
 *            R days → r   F → f   M (¥) → m   FM    class
 *   A          2    5    12   5   6000   5    5     highValue
 *   B          5    5     8   5   4000   5    5     highValue
 *   C          9    4     3   3    500   2    2.5   potential
 *   D         15    4     6   4   3000   4    4     highValue
 *   E         30    3     1   1    200   1    1     needsAttention
 *   F         45    3     5   3   2500   3    3     needsAttention
 *   G         60    2     2   2    800   3    2.5   lost
 *   H        100    2     7   4   3500   4    4     atRisk
 *   I        200    1     1   1    100   1    1     lost
 *   J        300    1     2   2    300   2    2     lost
 */
const TEN: RfmInputRow[] = [
  { id: 'A', recencyDays: 2, frequency: 12, monetaryFen: 600_000 },
  { id: 'B', recencyDays: 5, frequency: 8, monetaryFen: 400_000 },
  { id: 'C', recencyDays: 9, frequency: 3, monetaryFen: 50_000 },
  { id: 'D', recencyDays: 15, frequency: 6, monetaryFen: 300_000 },
  { id: 'E', recencyDays: 30, frequency: 1, monetaryFen: 20_000 },
  { id: 'F', recencyDays: 45, frequency: 5, monetaryFen: 250_000 },
  { id: 'G', recencyDays: 60, frequency: 2, monetaryFen: 80_000 },
  { id: 'H', recencyDays: 100, frequency: 7, monetaryFen: 350_000 },
  { id: 'I', recencyDays: 200, frequency: 1, monetaryFen: 10_000 },
  { id: 'J', recencyDays: 300, frequency: 2, monetaryFen: 30_000 },
];

describe('RFM scores by quintile', () => {
  it('scores and classes ten members as worked out by hand', () => {
    const scored = rfmScores(TEN);
    expect(scored.map((x) => `${x.id}${x.r}${x.f}${x.m}`)).toEqual([
      'A555', 'B555', 'C432', 'D444', 'E311', 'F333', 'G223', 'H244', 'I111', 'J122',
    ]);
    expect(Object.fromEntries(scored.map((x) => [x.id, x.cls]))).toEqual({
      A: 'highValue', B: 'highValue', C: 'potential', D: 'highValue', E: 'needsAttention',
      F: 'needsAttention', G: 'lost', H: 'atRisk', I: 'lost', J: 'lost',
    });
  });

  it('counts each class and its share of spend (total ¥20,900)', () => {
    const classes = summarise(rfmScores(TEN));
    expect(classes.map((c) => [c.cls, c.members, c.salesFen, c.salesShareBp, c.membersShareBp])).toEqual([
      ['highValue', 3, 1_300_000, 6220, 3000], // 13000 / 20900 = 62.20 %
      ['potential', 1, 50_000, 239, 1000], // 500 / 20900 = 2.39 %
      ['needsAttention', 2, 270_000, 1292, 2000],
      ['atRisk', 1, 350_000, 1675, 1000],
      ['lost', 3, 120_000, 574, 3000],
    ]);
    expect(classes[0]?.avgRecencyDays).toBe(7); // (2 + 5 + 15) / 3 = 7.33
    expect(classes[0]?.avgFrequency).toBe(8.7); // (12 + 8 + 6) / 3
  });

  it('gives equal values the same score', () => {
    expect(quintiles([5, 5, 5, 1])).toEqual([2, 2, 2, 1]);
    expect(quintiles([7])).toEqual([1]);
    expect(quintiles([3, 3])).toEqual([1, 1]);
  });

  it('classes from the score grid', () => {
    expect(rfmClass(4, 4, 4)).toBe('highValue');
    expect(rfmClass(5, 3, 4)).toBe('potential'); // FM 3.5
    expect(rfmClass(3, 5, 5)).toBe('needsAttention');
    expect(rfmClass(2, 3, 3)).toBe('atRisk');
    expect(rfmClass(1, 2, 3)).toBe('lost'); // FM 2.5
  });
});

describe('RFM scores by fixed thresholds', () => {
  it('scores against the thresholds (at or under for R, at or above for F and M)', () => {
    const scored = rfmScores(TEN, DEFAULT_THRESHOLDS);
    // R: ≤30 → 5, ≤60 → 4, ≤120 → 3, ≤240 → 2, else 1. F: ≥2,4,8,15 → 2..5. M: ≥¥500,1500,4000,10000 → 2..5.
    expect(scored.map((x) => `${x.id}${x.r}${x.f}${x.m}`)).toEqual([
      'A544', 'B544', 'C522', 'D533', 'E511', 'F433', 'G422', 'H333', 'I211', 'J121',
    ]);
    expect(scored.map((x) => x.cls)).toEqual([
      'highValue', 'highValue', 'potential', 'potential', 'potential',
      'potential', 'potential', 'needsAttention', 'lost', 'lost',
    ]);
  });
});

describe('rfm over a shop', () => {
  it('derives R, F and M from the sales: refunds lower M, never F; deleted and never-buying members are out', () => {
    const result = rfm(buildFacts(MEMBERS, SALES), { today: TODAY });
    expect(result.window).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(result.scored).toBe(4); // m1, m2, m3, m6 (m4 never bought, m5 deleted)
    expect(result.neverBought).toBe(1);
    const byId = Object.fromEntries(result.members.map((m) => [m.id, m]));
    expect(byId.m1).toMatchObject({ recencyDays: 120, frequency: 4, monetaryFen: 130_000, lastPurchase: '2025-12-01' });
    expect(byId.m2).toMatchObject({ recencyDays: 1, frequency: 4, monetaryFen: 21_000, lastPurchase: '2026-03-30' });
    expect(byId.m3).toMatchObject({ recencyDays: 26, frequency: 1, monetaryFen: 35_000 });
    expect(byId.m6).toMatchObject({ recencyDays: 607, frequency: 0, monetaryFen: 0 });
    // Scores among 4 (1 + ⌊5 × worse ÷ 4⌋ tops out at 4): R m2 4, m3 3, m1 2, m6 1;
    // F (4, 4, 1, 0) m1 3, m2 3, m3 2, m6 1; M m1 4, m3 3, m2 2, m6 1.
    expect(result.members.map((m) => `${m.id}:${m.r}${m.f}${m.m}:${m.cls}`)).toEqual([
      'm2:432:potential', // FM 2.5
      'm3:323:needsAttention',
      'm1:234:atRisk', // FM 3.5
      'm6:111:lost',
    ]);
  });
});
