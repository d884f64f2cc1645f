/**
 * Segments (会员分群): a filter over members, and for each member who matches, why — one line per
 * criterion, with her own value. Pure: `today` is passed in; empty criteria match everyone.
 */
import { daysBetween, localDateOf, type IsoDate } from './clock';
import { babyAgeMonths, babyStage, type BabyStage } from './baby';
import type { Id } from './ids';
import type { Fen } from './money';
import type { MarketingConsent } from './member';

export const RFM_CLASS_NAMES = ['highValue', 'potential', 'needsAttention', 'atRisk', 'lost'] as const;
export type RfmClassName = (typeof RFM_CLASS_NAMES)[number];
export const CONSENT_FILTERS = ['any', 'anyChannel', 'sms', 'wechat', 'email'] as const;
export type ConsentFilter = (typeof CONSENT_FILTERS)[number];

/** An inclusive range; either end may be open (null). */
export interface Range {
  min: number | null;
  max: number | null;
}

export interface SegmentFilter {
  tierIds: Id[];
  babyStages: BabyStage[];
  /** Age of any of her babies, in completed months. */
  babyAgeMonths: Range;
  /** She has any of these tags. */
  tags: string[];
  /** Region contains this text (case-insensitive); '' = any. */
  region: string;
  rfmClasses: RfmClassName[];
  /** Days since her last purchase; a member who never bought matches only an open-ended min. */
  daysSinceLastPurchase: Range;
  /** Lifetime spend in fen. */
  spendFen: Range;
  points: Range;
  consent: ConsentFilter;
  /** true: has a stored-value balance; false: has none; null: either. */
  hasStoredValue: boolean | null;
  /** 1–12, or null. */
  birthdayMonth: number | null;
}

export const EMPTY_RANGE: Range = { min: null, max: null };

export function emptyFilter(): SegmentFilter {
  return {
    tierIds: [],
    babyStages: [],
    babyAgeMonths: { ...EMPTY_RANGE },
    tags: [],
    region: '',
    rfmClasses: [],
    daysSinceLastPurchase: { ...EMPTY_RANGE },
    spendFen: { ...EMPTY_RANGE },
    points: { ...EMPTY_RANGE },
    consent: 'any',
    hasStoredValue: null,
    birthdayMonth: null,
  };
}

export interface Segment {
  id: Id;
  name: string;
  filter: SegmentFilter;
  createdAt: number;
  updatedAt: number;
}

/** What matching reads of a member. */
export interface SegmentMember {
  id: Id;
  tierId: Id;
  tags: readonly string[];
  region: string;
  birthday: IsoDate | null;
  consent: MarketingConsent;
  lifetimeSpendFen: Fen;
  pointsBalance: number;
  storedValueFen: Fen;
  lastPurchaseAt: number | null;
}

/** One satisfied criterion and her value for it, for "why she matches". */
export type MatchReason =
  | { field: 'tier'; tierId: Id }
  | { field: 'babyStage'; stage: BabyStage; baby: string }
  | { field: 'babyAge'; months: number; baby: string }
  | { field: 'tags'; tags: string[] }
  | { field: 'region'; region: string }
  | { field: 'rfm'; cls: RfmClassName }
  | { field: 'daysSince'; days: number | null }
  | { field: 'spend'; fen: Fen }
  | { field: 'points'; points: number }
  | { field: 'consent'; consent: ConsentFilter }
  | { field: 'storedValue'; fen: Fen }
  | { field: 'birthdayMonth'; birthday: IsoDate };

const inRange = (v: number, r: Range) => (r.min === null || v >= r.min) && (r.max === null || v <= r.max);
const isOpen = (r: Range) => r.min === null && r.max === null;

/**
 * The reasons she matches every criterion of `f`, or null when one fails. Babies: hers, with the
 * birth (or due) date. `rfm`: her class today, or null when she is not scored (never bought).
 */
export function matchSegment(
  m: SegmentMember,
  babies: readonly { nickname: string; birthDate: IsoDate; expecting: boolean }[],
  rfm: RfmClassName | null,
  f: SegmentFilter,
  today: IsoDate,
): MatchReason[] | null {
  const why: MatchReason[] = [];
  if (f.tierIds.length > 0) {
    if (!f.tierIds.includes(m.tierId)) return null;
    why.push({ field: 'tier', tierId: m.tierId });
  }
  if (f.babyStages.length > 0) {
    const hit = babies.find((b) => f.babyStages.includes(babyStage(b.birthDate, today)));
    if (!hit) return null;
    why.push({ field: 'babyStage', stage: babyStage(hit.birthDate, today), baby: hit.nickname });
  }
  if (!isOpen(f.babyAgeMonths)) {
    const hit = babies
      .map((b) => ({ b, months: babyAgeMonths(b.birthDate, today) }))
      .find((x) => x.months !== null && inRange(x.months, f.babyAgeMonths));
    if (!hit || hit.months === null) return null;
    why.push({ field: 'babyAge', months: hit.months, baby: hit.b.nickname });
  }
  if (f.tags.length > 0) {
    const tags = m.tags.filter((t) => f.tags.includes(t));
    if (tags.length === 0) return null;
    why.push({ field: 'tags', tags });
  }
  const region = f.region.trim().toLowerCase();
  if (region !== '') {
    if (!m.region.toLowerCase().includes(region)) return null;
    why.push({ field: 'region', region: m.region });
  }
  if (f.rfmClasses.length > 0) {
    if (rfm === null || !f.rfmClasses.includes(rfm)) return null;
    why.push({ field: 'rfm', cls: rfm });
  }
  if (!isOpen(f.daysSinceLastPurchase)) {
    const days = m.lastPurchaseAt === null ? null : daysBetween(localDateOf(m.lastPurchaseAt), today);
    // Never bought counts as "longer ago than any minimum", never as "within a maximum".
    const ok = days === null ? f.daysSinceLastPurchase.max === null : inRange(days, f.daysSinceLastPurchase);
    if (!ok) return null;
    why.push({ field: 'daysSince', days });
  }
  if (!isOpen(f.spendFen)) {
    if (!inRange(m.lifetimeSpendFen, f.spendFen)) return null;
    why.push({ field: 'spend', fen: m.lifetimeSpendFen });
  }
  if (!isOpen(f.points)) {
    if (!inRange(m.pointsBalance, f.points)) return null;
    why.push({ field: 'points', points: m.pointsBalance });
  }
  if (f.consent !== 'any') {
    const c = m.consent;
    const ok = f.consent === 'anyChannel' ? c.sms || c.wechat || c.email : c[f.consent];
    if (!ok) return null;
    why.push({ field: 'consent', consent: f.consent });
  }
  if (f.hasStoredValue !== null) {
    if (m.storedValueFen > 0 !== f.hasStoredValue) return null;
    why.push({ field: 'storedValue', fen: m.storedValueFen });
  }
  if (f.birthdayMonth !== null) {
    if (m.birthday === null || Number(m.birthday.slice(5, 7)) !== f.birthdayMonth) return null;
    why.push({ field: 'birthdayMonth', birthday: m.birthday });
  }
  return why;
}

export type SegmentError = 'nameRequired' | 'nameTooLong' | 'rangeOrder' | 'rangeNegative' | 'birthdayMonth';

/** Problems of a segment to save: a name, ranges with min ≤ max and no negatives, a real month. */
export function validateSegment(name: string, f: SegmentFilter): SegmentError[] {
  const e: SegmentError[] = [];
  if (name.trim() === '') e.push('nameRequired');
  else if (name.trim().length > 40) e.push('nameTooLong');
  const ranges = [f.babyAgeMonths, f.daysSinceLastPurchase, f.spendFen, f.points];
  if (ranges.some((r) => r.min !== null && r.max !== null && r.min > r.max)) e.push('rangeOrder');
  if (ranges.some((r) => (r.min !== null && (!Number.isInteger(r.min) || r.min < 0)) || (r.max !== null && (!Number.isInteger(r.max) || r.max < 0))))
    e.push('rangeNegative');
  if (f.birthdayMonth !== null && (!Number.isInteger(f.birthdayMonth) || f.birthdayMonth < 1 || f.birthdayMonth > 12)) e.push('birthdayMonth');
  return e;
}
