import { parseYuan } from '../../../lib/domain/money';
import { emptyFilter, type ConsentFilter, type Range, type RfmClassName, type SegmentFilter } from '../../../lib/domain/segment';
import type { BabyStage } from '../../../lib/domain/baby';

/** A segment filter as typed: numbers and money are text until they are read. */
export interface SegmentDraft {
  tierIds: string[];
  babyStages: BabyStage[];
  babyAgeMin: string;
  babyAgeMax: string;
  tags: string;
  region: string;
  rfmClasses: RfmClassName[];
  daysMin: string;
  daysMax: string;
  spendMin: string;
  spendMax: string;
  pointsMin: string;
  pointsMax: string;
  consent: ConsentFilter;
  storedValue: '' | 'yes' | 'no';
  birthdayMonth: string;
}

export function emptyDraft(): SegmentDraft {
  return {
    tierIds: [],
    babyStages: [],
    babyAgeMin: '',
    babyAgeMax: '',
    tags: '',
    region: '',
    rfmClasses: [],
    daysMin: '',
    daysMax: '',
    spendMin: '',
    spendMax: '',
    pointsMin: '',
    pointsMax: '',
    consent: 'any',
    storedValue: '',
    birthdayMonth: '',
  };
}

export type DraftField = 'babyAge' | 'days' | 'spend' | 'points';

/** A whole number ≥ 0, or null when blank; undefined when it is not one. */
function count(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

function yuan(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const p = parseYuan(text);
  return p.ok ? p.fen : undefined;
}

/** The filter a draft means, or the fields that cannot be read (a range with min above max among them). */
export function filterOfDraft(d: SegmentDraft): { ok: true; filter: SegmentFilter } | { ok: false; bad: DraftField[] } {
  const bad: DraftField[] = [];
  const range = (field: DraftField, read: (t: string) => number | null | undefined, lo: string, hi: string): Range => {
    const min = read(lo);
    const max = read(hi);
    if (min === undefined || max === undefined || (min !== null && max !== null && min > max)) {
      bad.push(field);
      return { min: null, max: null };
    }
    return { min, max };
  };
  const filter: SegmentFilter = {
    ...emptyFilter(),
    tierIds: [...d.tierIds],
    babyStages: [...d.babyStages],
    babyAgeMonths: range('babyAge', count, d.babyAgeMin, d.babyAgeMax),
    tags: d.tags.split(/[,，、\s]+/).map((t) => t.trim()).filter(Boolean),
    region: d.region.trim(),
    rfmClasses: [...d.rfmClasses],
    daysSinceLastPurchase: range('days', count, d.daysMin, d.daysMax),
    spendFen: range('spend', yuan, d.spendMin, d.spendMax),
    points: range('points', count, d.pointsMin, d.pointsMax),
    consent: d.consent,
    hasStoredValue: d.storedValue === '' ? null : d.storedValue === 'yes',
    birthdayMonth: d.birthdayMonth === '' ? null : Number(d.birthdayMonth),
  };
  return bad.length > 0 ? { ok: false, bad } : { ok: true, filter };
}

/** The draft that shows a saved filter. */
export function draftOfFilter(f: SegmentFilter): SegmentDraft {
  const text = (n: number | null) => (n === null ? '' : String(n));
  const money = (n: number | null) => (n === null ? '' : (n / 100).toFixed(2));
  return {
    tierIds: [...f.tierIds],
    babyStages: [...f.babyStages],
    babyAgeMin: text(f.babyAgeMonths.min),
    babyAgeMax: text(f.babyAgeMonths.max),
    tags: f.tags.join(', '),
    region: f.region,
    rfmClasses: [...f.rfmClasses],
    daysMin: text(f.daysSinceLastPurchase.min),
    daysMax: text(f.daysSinceLastPurchase.max),
    spendMin: money(f.spendFen.min),
    spendMax: money(f.spendFen.max),
    pointsMin: text(f.points.min),
    pointsMax: text(f.points.max),
    consent: f.consent,
    storedValue: f.hasStoredValue === null ? '' : f.hasStoredValue ? 'yes' : 'no',
    birthdayMonth: f.birthdayMonth === null ? '' : String(f.birthdayMonth),
  };
}
