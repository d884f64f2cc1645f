/**
 * Member value (RFM), as of `today`:
 * - R(ecency): days since her last purchase (any time);
 * - F(requency): tickets in the window (default the last 365 days, today included);
 * - M(onetary): net spend in the window (refunds subtract).
 * Only members who have bought at least once are scored.
 *
 * Scores 1–5, either by quintile — score = 1 + ⌊5 × (members with a strictly worse value) ÷ n⌋, so
 * equal values share a score — or by fixed thresholds. Classes, from R and FM = (F + M) ÷ 2:
 *   R ≥ 4 and FM ≥ 4 → highValue (重要价值)    R ≥ 4 → potential (潜力)    R = 3 → needsAttention (需唤醒)
 *   R ≤ 2 and FM ≥ 3 → atRisk (流失风险)        otherwise → lost (已流失)
 */
import { addDays, type IsoDate } from '../../domain/clock';
import { dayNumber, isoOfDay, type Period } from '../../domain/period';
import { isLiveMember, memberSales, type Facts } from './facts';
import { ratioBp } from './numbers';

import { RFM_CLASS_NAMES, type RfmClassName } from '../../domain/segment';

/** The classes live in the domain, so segments can filter by them. */
export const RFM_CLASSES = RFM_CLASS_NAMES;
export type RfmClass = RfmClassName;

export type RfmScoring =
  | { kind: 'quintile' }
  | {
      kind: 'thresholds';
      /** Days since the last purchase at or under which R is 5, 4, 3, 2 (ascending); above the last → 1. */
      recencyDays: readonly [number, number, number, number];
      /** Tickets at or above which F is 2, 3, 4, 5 (ascending). */
      frequency: readonly [number, number, number, number];
      /** Spend (fen) at or above which M is 2, 3, 4, 5 (ascending). */
      monetaryFen: readonly [number, number, number, number];
    };

export const DEFAULT_THRESHOLDS: Extract<RfmScoring, { kind: 'thresholds' }> = {
  kind: 'thresholds',
  recencyDays: [30, 60, 120, 240],
  frequency: [2, 4, 8, 15],
  monetaryFen: [50_000, 150_000, 400_000, 1_000_000],
};

export const RFM_WINDOW_DAYS = 365;

export interface RfmInputRow {
  id: string;
  recencyDays: number;
  frequency: number;
  monetaryFen: number;
}

export interface RfmScored extends RfmInputRow {
  r: number;
  f: number;
  m: number;
  cls: RfmClass;
}

export function rfmClass(r: number, f: number, m: number): RfmClass {
  const fm = (f + m) / 2;
  if (r >= 4) return fm >= 4 ? 'highValue' : 'potential';
  if (r === 3) return 'needsAttention';
  return fm >= 3 ? 'atRisk' : 'lost';
}

/** Scores and classes of each row (same order). */
export function rfmScores(rows: readonly RfmInputRow[], scoring: RfmScoring = { kind: 'quintile' }): RfmScored[] {
  let r: number[];
  let f: number[];
  let m: number[];
  if (scoring.kind === 'quintile') {
    // Fewer days is better for R, so score its negation.
    r = quintiles(rows.map((x) => -x.recencyDays));
    f = quintiles(rows.map((x) => x.frequency));
    m = quintiles(rows.map((x) => x.monetaryFen));
  } else {
    r = rows.map((x) => 5 - scoring.recencyDays.filter((t) => x.recencyDays > t).length);
    f = rows.map((x) => 1 + scoring.frequency.filter((t) => x.frequency >= t).length);
    m = rows.map((x) => 1 + scoring.monetaryFen.filter((t) => x.monetaryFen >= t).length);
  }
  return rows.map((x, i) => {
    const ri = r[i] ?? 1;
    const fi = f[i] ?? 1;
    const mi = m[i] ?? 1;
    return { ...x, r: ri, f: fi, m: mi, cls: rfmClass(ri, fi, mi) };
  });
}

/** 1–5 per value, higher values better: 1 + ⌊5 × (values strictly below) ÷ n⌋. */
export function quintiles(values: readonly number[]): number[] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  return values.map((v) => 1 + Math.floor((5 * lowerBound(sorted, v)) / n));
}

function lowerBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface RfmMemberRow extends RfmScored {
  name: string;
  phone: string;
  lastPurchase: IsoDate;
}

export interface RfmClassSummary {
  cls: RfmClass;
  members: number;
  /** Their net spend in the window, and its share of all scored members' spend. */
  salesFen: number;
  salesShareBp: number;
  /** Share of scored members. */
  membersShareBp: number;
  avgRecencyDays: number | null;
  avgFrequency: number | null;
}

export interface RfmResult {
  today: IsoDate;
  window: Period;
  scoring: RfmScoring['kind'];
  scored: number;
  /** Members on file who have never bought. */
  neverBought: number;
  classes: RfmClassSummary[];
  /** Every scored member, by class (RFM_CLASSES order), then spend (desc). */
  members: RfmMemberRow[];
}

export interface RfmOptions {
  today: IsoDate;
  windowDays?: number;
  scoring?: RfmScoring;
}

export function rfm(facts: Facts, opts: RfmOptions): RfmResult {
  const windowDays = opts.windowDays ?? RFM_WINDOW_DAYS;
  const scoring = opts.scoring ?? { kind: 'quintile' };
  const window: Period = { from: addDays(opts.today, -(windowDays - 1)), to: opts.today };
  const today = dayNumber(opts.today);
  const from = dayNumber(window.from);
  const s = facts.sales;
  const rows: RfmInputRow[] = [];
  const meta: { name: string; phone: string; last: number }[] = [];
  let neverBought = 0;
  for (let mi = 0; mi < facts.members.length; mi++) {
    if (!isLiveMember(facts, mi)) continue;
    let last = -Infinity;
    let frequency = 0;
    let monetaryFen = 0;
    for (const i of memberSales(facts, mi)) {
      const d = s.day[i] ?? 0;
      if (d > today) continue;
      const refund = s.refund[i] === 1;
      if (!refund && d > last) last = d;
      if (d >= from) {
        monetaryFen += s.totalFen[i] ?? 0;
        if (!refund) frequency += 1;
      }
    }
    if (last === -Infinity) {
      neverBought += 1;
      continue;
    }
    const m = facts.members[mi]!;
    rows.push({ id: m.id, recencyDays: today - last, frequency, monetaryFen });
    meta.push({ name: m.name, phone: m.phone, last });
  }
  const scored = rfmScores(rows, scoring);
  const members: RfmMemberRow[] = scored.map((x, i) => ({
    ...x,
    name: meta[i]?.name ?? '',
    phone: meta[i]?.phone ?? '',
    lastPurchase: isoOfDay(meta[i]?.last ?? today),
  }));
  const order = new Map(RFM_CLASSES.map((c, i) => [c, i]));
  members.sort(
    (a, b) => (order.get(a.cls) ?? 0) - (order.get(b.cls) ?? 0) || b.monetaryFen - a.monetaryFen || cmp(a.id, b.id),
  );
  return {
    today: opts.today,
    window,
    scoring: scoring.kind,
    scored: scored.length,
    neverBought,
    classes: summarise(scored),
    members,
  };
}

export function summarise(scored: readonly RfmScored[]): RfmClassSummary[] {
  const total = scored.reduce((sum, x) => sum + x.monetaryFen, 0);
  return RFM_CLASSES.map((cls) => {
    const of = scored.filter((x) => x.cls === cls);
    const salesFen = of.reduce((sum, x) => sum + x.monetaryFen, 0);
    return {
      cls,
      members: of.length,
      salesFen,
      salesShareBp: total > 0 ? ratioBp(salesFen, total) : 0,
      membersShareBp: ratioBp(of.length, scored.length),
      avgRecencyDays: of.length ? Math.round(of.reduce((s, x) => s + x.recencyDays, 0) / of.length) : null,
      avgFrequency: of.length ? Math.round((of.reduce((s, x) => s + x.frequency, 0) * 10) / of.length) / 10 : null,
    };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
