/**
 * Purchase behaviour of a period: what sells (categories, brands — by sales, tickets and members),
 * how often members buy, and when people buy (day of month, weekday × hour).
 */
import { dayNumber, weekdayOfDay, type Period } from '../../domain/period';
import type { Facts } from './facts';

export interface RankedRow {
  name: string;
  /** Net paid amount of its lines (refund lines subtract). */
  salesFen: number;
  /** Sales (not refunds) with at least one line of it. */
  tickets: number;
  /** Distinct members among those tickets. */
  members: number;
  /** The same sales figure in the comparison period. */
  previousSalesFen: number;
}

/** Tickets per member in the period: 1, 2, 3, 4–5, 6–9, 10+. */
export const FREQUENCY_BUCKETS = [
  { min: 1, max: 1 },
  { min: 2, max: 2 },
  { min: 3, max: 3 },
  { min: 4, max: 5 },
  { min: 6, max: 9 },
  { min: 10, max: Infinity },
] as const;

export interface BehaviourResult {
  period: Period;
  previous: Period;
  tickets: number;
  salesFen: number;
  /** Every category, best-selling first (ties by name). */
  categories: RankedRow[];
  /** Every brand, best-selling first. */
  brands: RankedRow[];
  /** Members per bucket of FREQUENCY_BUCKETS (members with at least one ticket). */
  frequency: { min: number; max: number | null; members: number }[];
  buyers: number;
  /** Index 0 = the 1st of the month … 30 = the 31st. */
  dayOfMonth: { day: number; tickets: number; salesFen: number }[];
  /** heatmap[weekday][hour] = tickets; weekday 0 = Monday. */
  heatmap: number[][];
}

export function behaviour(facts: Facts, period: Period, previous: Period): BehaviourResult {
  const s = facts.sales;
  const from = dayNumber(period.from);
  const to = dayNumber(period.to);
  const pFrom = dayNumber(previous.from);
  const pTo = dayNumber(previous.to);
  const cat = newAcc(facts.categories.length);
  const brand = newAcc(facts.brands.length);
  const memberTickets = new Int32Array(facts.members.length);
  const dayOfMonth = Array.from({ length: 31 }, (_, i) => ({ day: i + 1, tickets: 0, salesFen: 0 }));
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let tickets = 0;
  let salesFen = 0;

  for (let i = 0; i < s.n; i++) {
    const d = s.day[i] ?? 0;
    const lo = s.lineStart[i] ?? 0;
    const hi = s.lineStart[i + 1] ?? lo;
    if (d >= pFrom && d <= pTo) {
      for (let k = lo; k < hi; k++) {
        cat.previous[s.lineCategory[k] ?? 0]! += s.linePaidFen[k] ?? 0;
        brand.previous[s.lineBrand[k] ?? 0]! += s.linePaidFen[k] ?? 0;
      }
    }
    if (d < from || d > to) continue;
    const refund = s.refund[i] === 1;
    const m = s.member[i] ?? -1;
    const total = s.totalFen[i] ?? 0;
    salesFen += total;
    const dom = dayOfMonth[(s.dom[i] ?? 1) - 1];
    if (dom) dom.salesFen += total;
    if (!refund) {
      tickets += 1;
      if (dom) dom.tickets += 1;
      const row = heatmap[weekdayOfDay(d)];
      if (row) row[s.hour[i] ?? 0]! += 1;
      if (m >= 0) memberTickets[m]! += 1;
    }
    for (let k = lo; k < hi; k++) {
      const c = s.lineCategory[k] ?? 0;
      const b = s.lineBrand[k] ?? 0;
      cat.sales[c]! += s.linePaidFen[k] ?? 0;
      brand.sales[b]! += s.linePaidFen[k] ?? 0;
      if (refund) continue;
      // One ticket per category even when it has two lines of it: mark with the sale index.
      if (cat.lastSale[c] !== i) {
        cat.lastSale[c] = i;
        cat.tickets[c]! += 1;
        if (m >= 0) cat.buyers[c]!.add(m);
      }
      if (brand.lastSale[b] !== i) {
        brand.lastSale[b] = i;
        brand.tickets[b]! += 1;
        if (m >= 0) brand.buyers[b]!.add(m);
      }
    }
  }

  const frequency = FREQUENCY_BUCKETS.map((b) => ({
    min: b.min,
    max: b.max === Infinity ? null : b.max,
    members: 0,
  }));
  let buyers = 0;
  for (const n of memberTickets) {
    if (n === 0) continue;
    buyers += 1;
    const bucket = frequency.find((b) => n >= b.min && (b.max === null || n <= b.max));
    if (bucket) bucket.members += 1;
  }

  return {
    period,
    previous,
    tickets,
    salesFen,
    categories: ranked(facts.categories, cat),
    brands: ranked(facts.brands, brand),
    frequency,
    buyers,
    dayOfMonth,
    heatmap,
  };
}

interface Acc {
  sales: number[];
  previous: number[];
  tickets: number[];
  buyers: Set<number>[];
  lastSale: Int32Array;
}

function newAcc(n: number): Acc {
  return {
    sales: new Array<number>(n).fill(0),
    previous: new Array<number>(n).fill(0),
    tickets: new Array<number>(n).fill(0),
    buyers: Array.from({ length: n }, () => new Set<number>()),
    lastSale: new Int32Array(n).fill(-1),
  };
}

/** Rows that had any activity in either period, by sales (desc), then tickets, then name. */
function ranked(names: readonly string[], acc: Acc): RankedRow[] {
  return names
    .map((name, i) => ({
      name,
      salesFen: acc.sales[i] ?? 0,
      tickets: acc.tickets[i] ?? 0,
      members: acc.buyers[i]?.size ?? 0,
      previousSalesFen: acc.previous[i] ?? 0,
    }))
    .filter((r) => r.tickets > 0 || r.salesFen !== 0 || r.previousSalesFen !== 0)
    .sort((a, b) => b.salesFen - a.salesFen || b.tickets - a.tickets || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
