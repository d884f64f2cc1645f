import { addDays, daysBetween, localDateOf, parseIsoDate, type IsoDate } from '../domain/clock';
import type { Rng } from './prng';

export const OPEN_HOUR = 9;
export const CLOSE_HOUR = 21;
export const DAY_MS = 86_400_000;

/** Relative traffic per opening hour, 9:00 … 20:00 (a morning peak, an after-school one, an evening one). */
const HOUR_WEIGHTS = [6, 10, 10, 7, 6, 8, 10, 11, 10, 9, 11, 8];

/** Days with more traffic: 618, 双11, 双12 promotions. */
const PROMO_DAYS = new Set(['06-18', '11-11', '12-12']);

/** One calendar day of the shop's window: when it is open (clipped to the window) and how busy. */
export interface ShopDay {
  date: IsoDate;
  lo: number;
  hi: number;
  weight: number;
}

/** An instant from a local calendar date and a local time of day (daylight saving handled by Date). */
export function localInstant(date: IsoDate, hour: number, minute = 0, second = 0): number {
  const { year, month, day } = parseIsoDate(date);
  return new Date(year, month - 1, day, hour, minute, second).getTime();
}

/** 0 = Sunday … 6 = Saturday, from the calendar date alone. */
export function weekday(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Every day of [startAt, endAt] with its opening window and a traffic weight (0 when closed). */
export function shopDays(startAt: number, endAt: number, rng: Rng): ShopDay[] {
  const first = localDateOf(startAt);
  const count = daysBetween(first, localDateOf(endAt)) + 1;
  const days: ShopDay[] = [];
  for (let i = 0; i < count; i++) {
    const date = addDays(first, i);
    const lo = Math.max(localInstant(date, OPEN_HOUR), startAt);
    const hi = Math.min(localInstant(date, CLOSE_HOUR) - 1000, endAt);
    const wd = weekday(date);
    let weight = wd === 0 || wd === 6 ? 16 : 10;
    if (PROMO_DAYS.has(date.slice(5))) weight *= 1.5;
    weight *= 0.8 + (0.4 * i) / count; // a shop that grows a little
    weight *= 0.75 + 0.5 * rng.float(); // and days that differ
    // A part-day at either end of the window gets its share of the day.
    const full = localInstant(date, CLOSE_HOUR) - localInstant(date, OPEN_HOUR);
    weight = hi > lo ? (weight * (hi - lo)) / full : 0;
    days.push({ date, lo, hi, weight });
  }
  return days;
}

/** Split `total` into integers proportional to `weights` (largest remainder; ties by position). */
export function allocate(total: number, weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  if (total > 0 && sum <= 0) throw new RangeError('Nothing to allocate to: the shop is never open');
  const counts = weights.map((w) => (sum > 0 ? Math.floor((total * w) / sum) : 0));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, frac: sum > 0 ? (total * w) / sum - Math.floor((total * w) / sum) : 0, w }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) {
    const at = order[k]?.i ?? 0;
    counts[at] = (counts[at] ?? 0) + 1;
  }
  return counts;
}

/** A random instant (whole seconds) in the day's opening window, busier hours more likely. */
export function randomInstant(day: ShopDay, rng: Rng): number {
  for (let attempt = 0; attempt < 8; attempt++) {
    const hour = OPEN_HOUR + rng.weighted(HOUR_WEIGHTS);
    const t = localInstant(day.date, hour, rng.int(60), rng.int(60));
    if (t >= day.lo && t <= day.hi) return t;
  }
  return day.lo + rng.int(Math.floor((day.hi - day.lo) / 1000) + 1) * 1000;
}

/** `count` instants of one day, in order. */
export function instantsOfDay(day: ShopDay, count: number, rng: Rng): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(randomInstant(day, rng));
  return times.sort((a, b) => a - b);
}

/** Cumulative weights for drawing a day (or any index) by weight, optionally from a prefix only. */
export class CumulativePicker {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
  }

  /** An index in [0, limit) drawn by weight (falls back to the whole range if the prefix weighs 0). */
  draw(rng: Rng, limit = this.cumulative.length): number {
    const n = this.cumulative.length;
    let end = Math.min(Math.max(limit, 1), n);
    if ((this.cumulative[end - 1] ?? 0) <= 0) end = n;
    const r = rng.float() * (this.cumulative[end - 1] ?? 0);
    let lo = 0;
    let hi = end - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
