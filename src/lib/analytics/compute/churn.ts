/**
 * Churn, as of `today`, for members who have bought at least once. A member is flagged, with every
 * reason that applies:
 * - overdue:  past her own usual interval — days since her last purchase > median gap between her
 *             purchase days × factor (needs `minVisits` distinct purchase days);
 * - inactive: no purchase in `inactiveDays` days or more;
 * - slowing:  her tickets in the last `windowDays` days are at most half of those in the `windowDays`
 *             before (which must be 2 or more).
 * She is lost after `lostDays` without a purchase.
 *
 * Churn rate by month: a member churns on the day she reaches `inactiveDays` days without buying.
 * Rate = members who churned in the month ÷ members active the day before it began (a purchase in the
 * `inactiveDays` days up to that day).
 */
import type { IsoDate } from '../../domain/clock';
import { dayNumber, isoOfDay, lastDayOfMonth, monthsEndingAt } from '../../domain/period';
import { isLiveMember, memberSales, purchaseDays, type Facts } from './facts';
import { median, ratioBp } from './numbers';
import { meanTenths } from './satisfaction';

export interface ChurnOptions {
  today: IsoDate;
  inactiveDays?: number;
  /** The usual-interval factor in percent: 200 = twice her median gap. */
  factorPct?: number;
  minVisits?: number;
  windowDays?: number;
  lostDays?: number;
  months?: number;
}

export type ResolvedChurnOptions = Required<ChurnOptions>;

export const CHURN_DEFAULTS: Omit<ResolvedChurnOptions, 'today'> = {
  inactiveDays: 90,
  factorPct: 200,
  minVisits: 3,
  windowDays: 90,
  lostDays: 180,
  months: 12,
};

export type ChurnReason =
  | { code: 'overdue'; usualDays: number; daysSince: number }
  | { code: 'inactive'; daysSince: number }
  | { code: 'slowing'; recent: number; before: number };

export interface ChurnMember {
  id: string;
  name: string;
  phone: string;
  lastPurchase: IsoDate;
  daysSince: number;
  usualDays: number | null;
  /** Tickets in the last window and the window before. */
  recent: number;
  before: number;
  lost: boolean;
  reasons: ChurnReason[];
  /** Categories of her last purchase, in line order. */
  lastCategories: string[];
  /** Her most recent satisfaction score (1–5), null when she never gave one. */
  lastScore: number | null;
  lifetimeSpendFen: number;
}

export interface ChurnMonth {
  month: string;
  activeAtStart: number;
  churned: number;
  rateBp: number | null;
  /** The month is still running (only days up to today count). */
  partial: boolean;
}

export interface ChurnResult {
  options: ResolvedChurnOptions;
  buyers: number;
  counts: { atRisk: number; lost: number; overdue: number; inactive: number; slowing: number };
  /** Flagged members: at risk first, then lost; each by lifetime spend (desc). */
  members: ChurnMember[];
  byMonth: ChurnMonth[];
  /** What lost members bought last: members per category. */
  lostCategories: { name: string; members: number }[];
  /** Lost members' last satisfaction scores: how many gave one, and their mean in tenths. */
  lostScores: { members: number; meanTenths: number | null };
}

function reasonsOf(
  daysSince: number,
  usualDays: number | null,
  recent: number,
  before: number,
  opts: ResolvedChurnOptions,
): ChurnReason[] {
  const reasons: ChurnReason[] = [];
  if (usualDays !== null && daysSince * 100 > usualDays * opts.factorPct)
    reasons.push({ code: 'overdue', usualDays, daysSince });
  if (daysSince >= opts.inactiveDays) reasons.push({ code: 'inactive', daysSince });
  if (before >= 2 && recent * 2 <= before) reasons.push({ code: 'slowing', recent, before });
  return reasons;
}

/** `lastScores`: each member's most recent satisfaction score, by member id. */
export function churn(facts: Facts, options: ChurnOptions, lastScores: ReadonlyMap<string, number> = new Map()): ChurnResult {
  const opts: ResolvedChurnOptions = { ...CHURN_DEFAULTS, ...options };
  const today = dayNumber(opts.today);
  const recentFrom = today - opts.windowDays + 1;
  const beforeFrom = recentFrom - opts.windowDays;
  const s = facts.sales;
  const members: ChurnMember[] = [];
  const counts = { atRisk: 0, lost: 0, overdue: 0, inactive: 0, slowing: 0 };
  const lostCats = new Map<string, number>();
  let lostScoreSum = 0;
  let lostScored = 0;
  const months = monthsEndingAt(opts.today, opts.months).map((month) => {
    const start = dayNumber(`${month}-01`);
    const end = Math.min(dayNumber(lastDayOfMonth(month)), today);
    return { month, start, end, activeAtStart: 0, churned: 0, partial: dayNumber(lastDayOfMonth(month)) > today };
  });
  let buyers = 0;

  for (let mi = 0; mi < facts.members.length; mi++) {
    if (!isLiveMember(facts, mi)) continue;
    const days = purchaseDays(facts, mi).filter((d) => d <= today);
    if (days.length === 0) continue;
    buyers += 1;

    // Churn events: the day each gap (or the time since the last purchase) reaches inactiveDays.
    for (let k = 0; k < days.length; k++) {
      const event = (days[k] ?? 0) + opts.inactiveDays;
      const next = days[k + 1] ?? Infinity;
      if (next <= event || event > today) continue;
      const m = months.find((x) => event >= x.start && event <= x.end);
      if (m) m.churned += 1;
    }
    for (const m of months) if (hasDayIn(days, m.start - opts.inactiveDays, m.start - 1)) m.activeAtStart += 1;

    let recent = 0;
    let before = 0;
    let lastSale = -1;
    for (const i of memberSales(facts, mi)) {
      const d = s.day[i] ?? 0;
      if (s.refund[i] || d > today) continue;
      if (d >= recentFrom) recent += 1;
      else if (d >= beforeFrom) before += 1;
      lastSale = i;
    }
    const gaps: number[] = [];
    for (let k = 1; k < days.length; k++) gaps.push((days[k] ?? 0) - (days[k - 1] ?? 0));
    const last = days[days.length - 1] ?? today;
    const daysSince = today - last;
    const usualDays = days.length >= opts.minVisits ? median(gaps) : null;
    const reasons = reasonsOf(daysSince, usualDays, recent, before, opts);
    if (reasons.length === 0) continue;

    const lost = daysSince >= opts.lostDays;
    const lastCategories: string[] = [];
    if (lastSale >= 0) {
      for (let k = s.lineStart[lastSale] ?? 0; k < (s.lineStart[lastSale + 1] ?? 0); k++) {
        const name = facts.categories[s.lineCategory[k] ?? 0] ?? '';
        if (!lastCategories.includes(name)) lastCategories.push(name);
      }
    }
    const m = facts.members[mi]!;
    const lastScore = lastScores.get(m.id) ?? null;
    if (lost) {
      counts.lost += 1;
      if (lastScore !== null) {
        lostScoreSum += lastScore;
        lostScored += 1;
      }
      for (const c of lastCategories) lostCats.set(c, (lostCats.get(c) ?? 0) + 1);
    } else counts.atRisk += 1;
    for (const r of reasons) counts[r.code] += 1;
    members.push({
      id: m.id,
      name: m.name,
      phone: m.phone,
      lastPurchase: isoOfDay(last),
      daysSince,
      usualDays,
      recent,
      before,
      lost,
      reasons,
      lastCategories,
      lastScore,
      lifetimeSpendFen: m.lifetimeSpendFen,
    });
  }

  members.sort(
    (a, b) =>
      Number(a.lost) - Number(b.lost) ||
      b.lifetimeSpendFen - a.lifetimeSpendFen ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return {
    options: opts,
    buyers,
    counts,
    members,
    byMonth: months.map((m) => ({
      month: m.month,
      activeAtStart: m.activeAtStart,
      churned: m.churned,
      rateBp: m.activeAtStart > 0 ? ratioBp(m.churned, m.activeAtStart) : null,
      partial: m.partial,
    })),
    lostCategories: [...lostCats]
      .map(([name, n]) => ({ name, members: n }))
      .sort((a, b) => b.members - a.members || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    lostScores: { members: lostScored, meanTenths: meanTenths(lostScoreSum, lostScored) },
  };
}

/** Whether an ascending list of days has one in [lo, hi]. */
function hasDayIn(days: readonly number[], lo: number, hi: number): boolean {
  let a = 0;
  let b = days.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if ((days[mid] ?? 0) < lo) a = mid + 1;
    else b = mid;
  }
  return a < days.length && (days[a] ?? 0) <= hi;
}
