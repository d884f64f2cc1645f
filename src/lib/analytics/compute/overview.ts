/**
 * The overview (dashboard): figures of a period and the period before it, from daily rollups alone,
 * plus the member counts the worker reads from indexes. The repeat-purchase rate needs who bought,
 * so it comes from the sales of the period (repeatPurchase) and arrives a moment later.
 */
import { addDays, type IsoDate } from '../../domain/clock';
import {
  dayNumber,
  lastDayOfMonth,
  monthsEndingAt,
  monthsOf,
  periodDays,
  type Period,
} from '../../domain/period';
import type { Facts } from './facts';
import type { DailyRollup } from '../../domain/rollup';
import { ratioBp } from './numbers';

export interface PeriodFigures {
  salesFen: number;
  tickets: number;
  memberSalesFen: number;
  memberTickets: number;
  nonMemberSalesFen: number;
  nonMemberTickets: number;
  refundFen: number;
  refunds: number;
  /** Member sales ÷ all sales, in basis points (null when there were no sales). */
  memberShareBp: number | null;
  avgTicketFen: number | null;
  avgTicketMemberFen: number | null;
  avgTicketNonMemberFen: number | null;
  /** Members who joined within the period. */
  newMembers: number;
}

export type TrendGranularity = 'day' | 'week' | 'month';

export interface TrendBucket {
  /** First and last date of the bucket (clipped to the period). */
  from: IsoDate;
  to: IsoDate;
  salesFen: number;
  tickets: number;
  memberSalesFen: number;
}

export interface Trend {
  granularity: TrendGranularity;
  buckets: TrendBucket[];
}

export interface OverviewInput {
  period: Period;
  previous: Period;
  /** Rollups covering at least both periods (others are ignored). */
  rollups: readonly DailyRollup[];
  /** Members who joined in each of `joinRanges(period, previous)`, by `rangeKey`. */
  joinCounts: ReadonlyMap<string, number>;
  membersTotal: number;
  /** Members whose last purchase is within ACTIVE_DAYS of today. */
  activeMembers: number;
}

export interface OverviewResult {
  period: Period;
  previous: Period;
  current: PeriodFigures;
  before: PeriodFigures;
  membersTotal: number;
  activeMembers: number;
  trend: Trend;
  previousTrend: Trend;
  /** New members per month: the 12 months ending with the period's last month (more when it is longer). */
  newMembersByMonth: { month: string; members: number }[];
}

/** "Active" = bought within this many days (today included). */
export const ACTIVE_DAYS = 90;

export interface DayRange {
  from: IsoDate;
  to: IsoDate;
}

export const rangeKey = (r: DayRange) => `${r.from}|${r.to}`;

function monthsCharted(period: Period): string[] {
  const months = monthsOf(period);
  return months.length > 12 ? months : monthsEndingAt(period.to, 12);
}

/** A charted month, as its days up to the period's end. */
function monthRange(month: string, period: Period): DayRange {
  const last = lastDayOfMonth(month);
  return { from: `${month}-01`, to: last < period.to ? last : period.to };
}

/**
 * The join-date ranges the overview counts: both periods and each month charted. The worker counts
 * them on the joinedOn index (a count, not a read of the keys: far less work at 20,000 members).
 */
export function joinRanges(period: Period, previous: Period): DayRange[] {
  return [period, previous, ...monthsCharted(period).map((m) => monthRange(m, period))];
}

/** The same counts from a list of join dates. */
export function countJoins(joinDates: readonly IsoDate[], ranges: readonly DayRange[]): Map<string, number> {
  return new Map(ranges.map((r) => [rangeKey(r), joinDates.filter((d) => d >= r.from && d <= r.to).length]));
}

export function overviewFromRollups(input: OverviewInput): OverviewResult {
  const { period, previous, rollups, joinCounts } = input;
  const joins = (r: DayRange) => joinCounts.get(rangeKey(r)) ?? 0;
  return {
    period,
    previous,
    current: periodFigures(rollups, joins(period), period),
    before: periodFigures(rollups, joins(previous), previous),
    membersTotal: input.membersTotal,
    activeMembers: input.activeMembers,
    trend: salesTrend(rollups, period),
    previousTrend: salesTrend(rollups, previous),
    newMembersByMonth: monthsCharted(period).map((month) => ({ month, members: joins(monthRange(month, period)) })),
  };
}

export function periodFigures(rollups: readonly DailyRollup[], newMembers: number, p: Period): PeriodFigures {
  let salesFen = 0;
  let tickets = 0;
  let memberSalesFen = 0;
  let memberTickets = 0;
  let refundFen = 0;
  let refunds = 0;
  for (const r of rollups) {
    if (r.date < p.from || r.date > p.to) continue;
    salesFen += r.salesFen;
    tickets += r.tickets;
    memberSalesFen += r.memberSalesFen;
    memberTickets += r.memberTickets;
    refundFen += r.refundFen;
    refunds += r.refunds;
  }
  const nonMemberSalesFen = salesFen - memberSalesFen;
  const nonMemberTickets = tickets - memberTickets;
  return {
    salesFen,
    tickets,
    memberSalesFen,
    memberTickets,
    nonMemberSalesFen,
    nonMemberTickets,
    refundFen,
    refunds,
    memberShareBp: salesFen > 0 ? ratioBp(memberSalesFen, salesFen) : null,
    avgTicketFen: average(salesFen, tickets),
    avgTicketMemberFen: average(memberSalesFen, memberTickets),
    avgTicketNonMemberFen: average(nonMemberSalesFen, nonMemberTickets),
    newMembers,
  };
}

/** Whole fen, rounded half away from zero; null for no tickets. */
function average(fen: number, count: number): number | null {
  if (count <= 0) return null;
  const q = Math.abs(fen) / count;
  return Math.sign(fen) * Math.floor(q + 0.5);
}

/**
 * Up to 92 days by day; up to two years by week (7-day buckets counted back from the end, a short first
 * one joining the next); longer by calendar month (clipped to the period).
 */
export function trendGranularity(p: Period): TrendGranularity {
  const days = periodDays(p);
  return days <= 92 ? 'day' : days <= 731 ? 'week' : 'month';
}

export function trendBuckets(p: Period): { from: IsoDate; to: IsoDate }[] {
  const g = trendGranularity(p);
  const out: { from: IsoDate; to: IsoDate }[] = [];
  if (g === 'day') {
    for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push({ from: d, to: d });
  } else if (g === 'week') {
    for (let to = p.to; to >= p.from; to = addDays(to, -7)) {
      const from = addDays(to, -6);
      out.unshift({ from: from < p.from ? p.from : from, to });
    }
    // A short first week (a day or three) would look like a slump: it joins the next one.
    const first = out[0];
    const second = out[1];
    if (first && second && first.from !== addDays(first.to, -6)) out.splice(0, 2, { from: first.from, to: second.to });
  } else {
    for (const m of monthsOf(p)) {
      const from = `${m}-01` < p.from ? p.from : `${m}-01`;
      const end = lastDayOfMonth(m);
      out.push({ from, to: end > p.to ? p.to : end });
    }
  }
  return out;
}

export function salesTrend(rollups: readonly DailyRollup[], p: Period): Trend {
  const ranges = trendBuckets(p);
  const buckets: TrendBucket[] = ranges.map((r) => ({ ...r, salesFen: 0, tickets: 0, memberSalesFen: 0 }));
  const first = dayNumber(p.from);
  // Day offset → bucket index, so each rollup is placed in O(1).
  const slot = new Int32Array(periodDays(p));
  ranges.forEach((r, b) => {
    for (let d = dayNumber(r.from) - first; d <= dayNumber(r.to) - first; d++) slot[d] = b;
  });
  for (const r of rollups) {
    if (r.date < p.from || r.date > p.to) continue;
    const b = buckets[slot[dayNumber(r.date) - first] ?? 0];
    if (!b) continue;
    b.salesFen += r.salesFen;
    b.tickets += r.tickets;
    b.memberSalesFen += r.memberSalesFen;
  }
  return { granularity: trendGranularity(p), buckets };
}

export interface RepeatFigures {
  /** Members with at least one sale in the period. */
  buyers: number;
  /** …of whom bought on two or more tickets in the period. */
  repeaters: number;
  rateBp: number | null;
}

/** Repeat-purchase rate of a period from its sales (member ids of non-refund rows). */
export function repeatPurchase(sales: Iterable<{ memberId: string | null; refundOf: string | null }>): RepeatFigures {
  const tickets = new Map<string, number>();
  for (const s of sales) {
    if (s.memberId === null || s.refundOf !== null) continue;
    tickets.set(s.memberId, (tickets.get(s.memberId) ?? 0) + 1);
  }
  let repeaters = 0;
  for (const n of tickets.values()) if (n >= 2) repeaters += 1;
  return { buyers: tickets.size, repeaters, rateBp: tickets.size > 0 ? ratioBp(repeaters, tickets.size) : null };
}

/** The same from facts already in memory (no read needed); like repeatPurchase, every member id counts. */
export function repeatFromFacts(facts: Facts, p: Period): RepeatFigures {
  const from = dayNumber(p.from);
  const to = dayNumber(p.to);
  const s = facts.sales;
  const tickets = new Int32Array(facts.members.length);
  for (let i = 0; i < s.n; i++) {
    const m = s.member[i] ?? -1;
    const d = s.day[i] ?? 0;
    if (m < 0 || s.refund[i] || d < from || d > to) continue;
    tickets[m] = (tickets[m] ?? 0) + 1;
  }
  let buyers = 0;
  let repeaters = 0;
  for (let m = 0; m < tickets.length; m++) {
    const n = tickets[m] ?? 0;
    if (n === 0) continue;
    buyers += 1;
    if (n >= 2) repeaters += 1;
  }
  return { buyers, repeaters, rateBp: buyers > 0 ? ratioBp(repeaters, buyers) : null };
}
