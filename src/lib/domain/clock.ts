/** Time is passed in, never read inside the domain: tests can say "today is 2026-03-01". */
export interface Clock {
  now(): number;
}

/** A calendar date without time, 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date: '2026-02-30' is not one. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** The shop's local calendar date of an instant. */
export function localDateOf(epochMs: number): IsoDate {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Whole days from a to b (b - a), calendar-based, so daylight-saving never shifts it. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const pa = parseIsoDate(a);
  const pb = parseIsoDate(b);
  return Math.round(
    (Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000,
  );
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const p = parseIsoDate(date);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Add calendar months; the 31st becomes the last day of a shorter month. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const p = parseIsoDate(date);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Completed months of age from `from` to `to` (a baby born 2026-01-31 is 1 month old on 2026-02-28). */
export function completedMonths(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (b.day < a.day && b.day < daysInMonth(b.year, b.month)) months -= 1;
  return months;
}

/** Add calendar months to an instant in local time (used for expiry of points lots). */
export function addMonthsToInstant(epochMs: number, months: number): number {
  const d = new Date(epochMs);
  const target = new Date(d.getTime());
  target.setDate(1);
  target.setMonth(d.getMonth() + months);
  const dim = daysInMonth(target.getFullYear(), target.getMonth() + 1);
  target.setDate(Math.min(d.getDate(), dim));
  return target.getTime();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
