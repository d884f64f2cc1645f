/**
 * Growth value (成长值): one figure that grows with spend, visits, event attendance, a completed
 * profile and months of membership, each by its weight. Kept as its own append-only ledger
 * (`growthLedger`): a return takes back what its sale gave, a yearly decay takes a share. Tiers may
 * qualify on it (tier basis 'growth': a tier's threshold in ¥ reads as growth value, ¥1 = 1).
 * Pure: the commands write what these functions compute.
 */
import { completedMonths, type IsoDate } from './clock';
import type { Id, NewId } from './ids';

export interface GrowthWeights {
  /** Per ¥1 she paid (after every discount). */
  perYuan: number;
  /** Per visit (a sale; a full return takes it back). */
  perVisit: number;
  /** Per event attended. */
  perEvent: number;
  /** Once, for a completed profile. */
  profile: number;
  /** Per completed month of membership. */
  perMonth: number;
  /** On 1 January each year, this share of her growth value lapses (0 = never). */
  decayPct: number;
}

export const GROWTH_KEY = 'growth';

export const GROWTH_DEFAULTS: GrowthWeights = { perYuan: 1, perVisit: 10, perEvent: 20, profile: 50, perMonth: 5, decayPct: 0 };

const LIMITS: Record<keyof GrowthWeights, [number, number]> = {
  perYuan: [0, 100],
  perVisit: [0, 10_000],
  perEvent: [0, 10_000],
  profile: [0, 100_000],
  perMonth: [0, 10_000],
  decayPct: [0, 100],
};

/** The weights out of range (whole numbers within limits). */
export function validateGrowthWeights(w: GrowthWeights): (keyof GrowthWeights)[] {
  return (Object.keys(LIMITS) as (keyof GrowthWeights)[]).filter((k) => {
    const [min, max] = LIMITS[k];
    return !Number.isInteger(w[k]) || w[k] < min || w[k] > max;
  });
}

export const GROWTH_KINDS = ['purchase', 'return', 'event', 'eventUndone', 'profile', 'tenure', 'decay', 'opening'] as const;
export type GrowthKind = (typeof GROWTH_KINDS)[number];

export interface GrowthEntry {
  id: Id;
  memberId: Id;
  at: number;
  kind: GrowthKind;
  /** Growth gained (negative: taken back). */
  value: number;
  /** The sale (purchase, return: the sale returned) or event sign-up it comes from. */
  saleId: Id | null;
  ref: string | null;
  /** A purchase's or return's parts: from spend and from the visit. */
  spend?: number;
  visit?: number;
  /** Tenure: months credited by this row. */
  months?: number;
  createdAt: number;
  updatedAt: number;
}

export function growthRow(
  newId: NewId,
  memberId: Id,
  at: number,
  kind: GrowthKind,
  value: number,
  extra: Partial<Pick<GrowthEntry, 'saleId' | 'ref' | 'spend' | 'visit' | 'months'>> = {},
): GrowthEntry {
  return { id: newId(), memberId, at, kind, value, saleId: extra.saleId ?? null, ref: extra.ref ?? null, ...pick(extra), createdAt: at, updatedAt: at };
}

function pick(extra: Partial<Pick<GrowthEntry, 'spend' | 'visit' | 'months'>>) {
  const out: Partial<Pick<GrowthEntry, 'spend' | 'visit' | 'months'>> = {};
  if (extra.spend !== undefined) out.spend = extra.spend;
  if (extra.visit !== undefined) out.visit = extra.visit;
  if (extra.months !== undefined) out.months = extra.months;
  return out;
}

/** A sale's growth: ⌊paid ¥ × perYuan⌋ plus perVisit. */
export function purchaseGrowth(totalFen: number, w: GrowthWeights): { spend: number; visit: number } {
  return { spend: Math.floor((Math.max(0, totalFen) * w.perYuan) / 100), visit: w.perVisit };
}

/**
 * What a return takes back of its sale's growth (negative parts): the spend part in proportion to
 * the money returned (rounded down, never more than is left), and — when the return completes the
 * return of the whole sale — everything still left, the visit included, so a fully returned sale
 * nets to exactly zero whatever the weights are by then.
 */
export function returnGrowth(
  sale: { spend: number; visit: number; totalFen: number },
  takenBack: { spend: number; visit: number },
  refundFen: number,
  fullReturn: boolean,
): { spend: number; visit: number } {
  const spendLeft = sale.spend - takenBack.spend;
  const visitLeft = sale.visit - takenBack.visit;
  if (fullReturn) return { spend: 0 - spendLeft, visit: 0 - visitLeft };
  const share = sale.totalFen > 0 ? Math.floor((sale.spend * Math.max(0, refundFen)) / sale.totalFen) : 0;
  return { spend: 0 - Math.min(spendLeft, share), visit: 0 };
}

/** Months of membership not yet credited on `today` (null: none). */
export function tenureDue(joinedOn: IsoDate, today: IsoDate, creditedMonths: number, w: GrowthWeights): { months: number; value: number } | null {
  if (joinedOn > today) return null;
  const months = completedMonths(joinedOn, today) - creditedMonths;
  return months > 0 ? { months, value: months * w.perMonth } : null;
}

/**
 * The yearly decay due for `year` (negative), or null: none set, done already, or nothing to take.
 * `lastDecayYear`: the year it last decayed — for a member it never has, the year she joined.
 */
export function decayDue(balance: number, year: number, lastDecayYear: number, w: GrowthWeights): number | null {
  if (w.decayPct <= 0 || lastDecayYear >= year || balance <= 0) return null;
  const value = Math.floor((balance * w.decayPct) / 100);
  return value > 0 ? -value : null;
}

/** A member's history as the backfill sees it. */
export interface GrowthHistory {
  sales: readonly { id: Id; totalFen: number; refundOf: Id | null; fullReturn: boolean }[];
  eventsAttended: number;
  profileComplete: boolean;
  joinedOn: IsoDate;
}

/**
 * The growth value her history earns under today's weights, replayed sale by sale exactly as the
 * checkout and returns would have written it (without decay), and the tenure months it credits.
 */
export function growthFromHistory(h: GrowthHistory, today: IsoDate, w: GrowthWeights): { value: number; months: number } {
  const bySale = new Map<Id, { spend: number; visit: number; totalFen: number; back: { spend: number; visit: number } }>();
  let value = 0;
  for (const s of h.sales) {
    if (s.refundOf === null) {
      const g = purchaseGrowth(s.totalFen, w);
      bySale.set(s.id, { ...g, totalFen: s.totalFen, back: { spend: 0, visit: 0 } });
      value += g.spend + g.visit;
    } else {
      const sale = bySale.get(s.refundOf);
      if (!sale) continue;
      const back = returnGrowth(sale, sale.back, -s.totalFen, s.fullReturn);
      sale.back = { spend: sale.back.spend - back.spend, visit: sale.back.visit - back.visit };
      value += back.spend + back.visit;
    }
  }
  const months = h.joinedOn > today ? 0 : completedMonths(h.joinedOn, today);
  value += h.eventsAttended * w.perEvent + (h.profileComplete ? w.profile : 0) + months * w.perMonth;
  return { value, months };
}

/** Her growth value: the sum of her ledger. */
export function growthBalance(entries: readonly Pick<GrowthEntry, 'value'>[]): number {
  return entries.reduce((s, e) => s + e.value, 0);
}
