/**
 * Satisfaction: the 1–5 scores members gave after a sale or an event — the period's mean and spread,
 * and the mean of each of the twelve months ending with the period (a trend the owner can read).
 */
import { localDateOf } from '../../domain/clock';
import type { Feedback } from '../../domain/event';
import { inPeriod, monthOf, monthsEndingAt, type Period } from '../../domain/period';

export type ScoreRow = Pick<Feedback, 'at' | 'score' | 'source'>;

export interface SatisfactionMonth {
  month: string;
  scores: number;
  /** Mean in tenths (43 = 4.3); null in a month without scores. */
  meanTenths: number | null;
  fromSales: number;
  fromEvents: number;
}

export interface SatisfactionResult {
  period: Period;
  scores: number;
  meanTenths: number | null;
  /** How many gave 1, 2, 3, 4 and 5 in the period. */
  distribution: [number, number, number, number, number];
  months: SatisfactionMonth[];
}

export const TREND_MONTHS = 12;

/** Mean of scores in tenths, rounded half up (scores are whole, so sum × 10 / n is exact to round). */
export function meanTenths(sum: number, n: number): number | null {
  return n === 0 ? null : Math.floor((sum * 20 + n) / (2 * n));
}

export function satisfaction(rows: readonly ScoreRow[], period: Period): SatisfactionResult {
  const months = monthsEndingAt(period.to, TREND_MONTHS);
  const byMonth = new Map(months.map((m) => [m, { sum: 0, n: 0, fromSales: 0, fromEvents: 0 }]));
  const distribution: SatisfactionResult['distribution'] = [0, 0, 0, 0, 0];
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    if (!Number.isInteger(r.score) || r.score < 1 || r.score > 5) continue;
    const day = localDateOf(r.at);
    const m = byMonth.get(monthOf(day));
    if (m) {
      m.sum += r.score;
      m.n += 1;
      if (r.source === 'sale') m.fromSales += 1;
      else m.fromEvents += 1;
    }
    if (inPeriod(day, period)) {
      sum += r.score;
      n += 1;
      distribution[r.score - 1] = (distribution[r.score - 1] ?? 0) + 1;
    }
  }
  return {
    period,
    scores: n,
    meanTenths: meanTenths(sum, n),
    distribution,
    months: months.map((month) => {
      const m = byMonth.get(month) ?? { sum: 0, n: 0, fromSales: 0, fromEvents: 0 };
      return { month, scores: m.n, meanTenths: meanTenths(m.sum, m.n), fromSales: m.fromSales, fromEvents: m.fromEvents };
    }),
  };
}

/** Each member's most recent score (by when it was given). */
export function lastScoreByMember(rows: readonly Pick<Feedback, 'memberId' | 'at' | 'score'>[]): Map<string, number> {
  const latest = new Map<string, { at: number; score: number }>();
  for (const r of rows) {
    const seen = latest.get(r.memberId);
    if (!seen || r.at > seen.at) latest.set(r.memberId, { at: r.at, score: r.score });
  }
  return new Map([...latest].map(([id, v]) => [id, v.score]));
}
