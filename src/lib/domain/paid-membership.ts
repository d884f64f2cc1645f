import { addDays, addMonths, type IsoDate } from './clock';
import type { Id } from './ids';
import { MAX_FEN, type Fen } from './money';

/** The shop's paid card (e.g. ¥99/year 会员卡 with free delivery). */
export interface PaidPlan {
  name: string;
  feeFen: Fen;
  termMonths: number;
  freeDelivery: boolean;
  perks: string;
}

/** One bought term of the paid card. A renewal is a new row starting the day after the last one ends. */
export interface PaidMembership {
  id: Id;
  memberId: Id;
  planName: string;
  feeFen: Fen;
  paymentMethod: string;
  startsOn: IsoDate;
  /** Last day included. */
  endsOn: IsoDate;
  freeDelivery: boolean;
  createdAt: number;
  updatedAt: number;
}

export type PaidPlanError = 'required' | 'feeRange' | 'termRange';

export function validatePaidPlan(p: PaidPlan): Partial<Record<keyof PaidPlan, PaidPlanError>> {
  const e: Partial<Record<keyof PaidPlan, PaidPlanError>> = {};
  if (p.name.trim() === '') e.name = 'required';
  if (!Number.isSafeInteger(p.feeFen) || p.feeFen < 0 || p.feeFen > MAX_FEN) e.feeFen = 'feeRange';
  if (!Number.isInteger(p.termMonths) || p.termMonths < 1 || p.termMonths > 120) e.termMonths = 'termRange';
  return e;
}

/** The term a purchase buys: from today, or — renewing early — from the day after the current term. */
export function nextTerm(
  terms: readonly Pick<PaidMembership, 'endsOn'>[],
  termMonths: number,
  today: IsoDate,
): { startsOn: IsoDate; endsOn: IsoDate } {
  const lastEnd = terms.reduce<IsoDate | null>((max, t) => (max === null || t.endsOn > max ? t.endsOn : max), null);
  const startsOn = lastEnd !== null && lastEnd >= today ? addDays(lastEnd, 1) : today;
  return { startsOn, endsOn: addDays(addMonths(startsOn, termMonths), -1) };
}

/** The term in force on `today`, if any. */
export function activeTerm<T extends Pick<PaidMembership, 'startsOn' | 'endsOn'>>(terms: readonly T[], today: IsoDate): T | null {
  return terms.find((t) => t.startsOn <= today && today <= t.endsOn) ?? null;
}

/**
 * Members whose paid card runs out within `days` (or ran out in the last `days`) and who have no
 * later term: the renewal reminder list.
 */
export function renewalsDue<T extends Pick<PaidMembership, 'memberId' | 'endsOn'>>(
  terms: readonly T[],
  today: IsoDate,
  days: number,
): T[] {
  const latest = new Map<string, T>();
  for (const t of terms) {
    const seen = latest.get(t.memberId);
    if (!seen || t.endsOn > seen.endsOn) latest.set(t.memberId, t);
  }
  const from = addDays(today, -days);
  const to = addDays(today, days);
  return [...latest.values()].filter((t) => t.endsOn >= from && t.endsOn <= to).sort((a, b) => a.endsOn.localeCompare(b.endsOn));
}
