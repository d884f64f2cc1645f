import { addDays, addMonths, daysBetween, daysInMonth, isIsoDate, parseIsoDate, type IsoDate } from './clock';

/**
 * Reporting periods: inclusive ranges of calendar dates. `today` is always passed in.
 * Day numbers (days since 1970-01-01 of the calendar date, no time zone) make range tests cheap.
 */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export const PERIOD_KINDS = ['month', 'd30', 'd90', 'd365', 'custom'] as const;
/** The period the analytics pages open on. */
export const DEFAULT_PERIOD = 'd30' satisfies (typeof PERIOD_KINDS)[number];
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The longest custom period: ten years (a shop's whole history fits). */
export const MAX_PERIOD_DAYS = 3_660;

const DAY_MS = 86_400_000;

export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function isoOfDay(n: number): IsoDate {
  const d = new Date(n * DAY_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(n: number): number {
  return (((n + 3) % 7) + 7) % 7;
}

/** 'YYYY-MM' of a date. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** The `count` months ending with the month of `date`, oldest first: ['2025-04', …, '2026-03']. */
export function monthsEndingAt(date: IsoDate, count: number): string[] {
  const first = `${monthOf(date)}-01`;
  return Array.from({ length: count }, (_, i) => monthOf(addMonths(first, i - count + 1)));
}

/** Every month touched by a period, oldest first. */
export function monthsOf(p: Period): string[] {
  const months: string[] = [];
  for (let m = `${monthOf(p.from)}-01`; monthOf(m) <= monthOf(p.to); m = addMonths(m, 1)) months.push(monthOf(m));
  return months;
}

export function lastDayOfMonth(month: string): IsoDate {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${pad2(daysInMonth(y ?? 1970, m ?? 1))}`;
}

export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

export function inPeriod(date: IsoDate, p: Period): boolean {
  return date >= p.from && date <= p.to;
}

/** The period a selector choice means on `today`; 'custom' uses `custom` as given. */
export function periodFor(kind: PeriodKind, today: IsoDate, custom?: Period): Period {
  switch (kind) {
    case 'month':
      return { from: `${monthOf(today)}-01`, to: today };
    case 'd30':
      return { from: addDays(today, -29), to: today };
    case 'd90':
      return { from: addDays(today, -89), to: today };
    case 'd365':
      return { from: addDays(today, -364), to: today };
    case 'custom':
      return custom ?? { from: addDays(today, -29), to: today };
  }
}

/**
 * What a period is compared with. "This month" (the 1st to today) is compared with the same days of
 * the previous month (clamped to its end); every other period with as many days right before it.
 */
export function previousPeriod(p: Period, kind: PeriodKind = 'custom'): Period {
  const { day } = parseIsoDate(p.from);
  if (kind === 'month' && day === 1) {
    const from = addMonths(p.from, -1);
    const end = lastDayOfMonth(monthOf(from));
    const to = addDays(from, periodDays(p) - 1);
    return { from, to: to > end ? end : to };
  }
  const to = addDays(p.from, -1);
  return { from: addDays(to, -(periodDays(p) - 1)), to };
}

export type PeriodError = 'format' | 'order' | 'tooLong' | 'future';

/** Checks a custom period typed by the owner. */
export function validatePeriod(p: Period, today: IsoDate): PeriodError | null {
  if (!isIsoDate(p.from) || !isIsoDate(p.to)) return 'format';
  if (p.from > p.to) return 'order';
  if (p.from > today) return 'future';
  if (periodDays(p) > MAX_PERIOD_DAYS) return 'tooLong';
  return null;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
