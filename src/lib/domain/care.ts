/**
 * Care (会员关怀): the rules that put a member on today's contact list, and the contact log's
 * cooldown. Pure: `today` is passed in; dates are 'YYYY-MM-DD' local calendar days.
 */
import { addDays, addMonths, daysBetween, parseIsoDate, type IsoDate } from './clock';
import type { Id } from './ids';

export const CARE_REASONS = [
  'renewalDue',
  'pointsExpiring',
  'formulaRunOut',
  'stageChange',
  'birthday',
  'babyBirthday',
  'tierUpgrade',
  'referralReward',
  'eventReminder',
  'eventInvite',
  'lapsing',
  'followUp',
] as const;
export type CareReason = (typeof CARE_REASONS)[number];

/**
 * Reasons about her own account or purchases (a follow-up call asks how a product suits her), which a member who opted out of marketing is still told about.
 * Every other reason is promotional and never reaches her.
 */
export const SERVICE_REASONS: ReadonlySet<CareReason> = new Set(['renewalDue', 'pointsExpiring', 'tierUpgrade', 'referralReward', 'eventReminder', 'followUp']);

export interface CareSettings {
  /** Birthdays (hers and her babies') this many days ahead. */
  birthdayDays: number;
  /** Remind this many days before her formula is predicted to run out. */
  runOutDays: number;
  /** Age in completed months at which each formula stage ends: [6, 12, 36] = 1段 to 6 months, 2段 to 12, 3段 to 36. */
  stageEndMonths: number[];
  /** Tell her about the next stage this many days before the baby reaches it. */
  stageDays: number;
  /** Lapsing: past her median gap × this factor (percent)… */
  lapseFactorPct: number;
  /** …with at least this many purchase days; with fewer, after `lapseDays` without a purchase. */
  lapseMinVisits: number;
  lapseDays: number;
  pointsExpiringDays: number;
  renewalDays: number;
  /** Invitations to an event are on the list from this many days before it. */
  inviteDays: number;
  /** Tier upgrades and referral rewards of the last this many days are congratulated. */
  recentDays: number;
  /** A member is not listed again for the same reason (and subject) within this many days of a contact. */
  cooldownDays: number;
  snoozeDays: number;
  /** A contact "brought her back" when she buys within this many days of it. */
  cameBackDays: number;
}

export const CARE_DEFAULTS: CareSettings = {
  birthdayDays: 7,
  runOutDays: 5,
  stageEndMonths: [6, 12, 36],
  stageDays: 14,
  lapseFactorPct: 150,
  lapseMinVisits: 3,
  lapseDays: 60,
  pointsExpiringDays: 30,
  renewalDays: 30,
  inviteDays: 14,
  recentDays: 7,
  cooldownDays: 14,
  snoozeDays: 3,
  cameBackDays: 14,
};

/** Days from `today` to the next anniversary of `date` (0 = today). 29 Feb falls on 28 Feb in other years. */
export function daysToAnniversary(date: IsoDate, today: IsoDate): number {
  const d = parseIsoDate(date);
  const { year } = parseIsoDate(today);
  const on = (y: number) => {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const day = d.month === 2 && d.day === 29 && !leap ? 28 : d.day;
    return `${y}-${String(d.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const thisYear = on(year);
  return thisYear >= today ? daysBetween(today, thisYear) : daysBetween(today, on(year + 1));
}

/** One purchase day of one product by one member (quantities of the same day summed). */
export interface ProductPurchase {
  day: IsoDate;
  qty: number;
}

export interface RunOut {
  on: IsoDate;
  /** own: from her own intervals for the product; nominal: quantity × the product's days per unit. */
  basis: 'own' | 'nominal';
  days: number;
}

/** Her own gaps count from this many of the last purchases (older habits matter less). */
const GAPS_KEPT = 4;

/**
 * When her last purchase of a product runs out: last purchase day + the median of her last gaps
 * between purchase days (needs ≥ 2 purchases), else + quantity × nominal days per unit; null when
 * neither is known. Purchases in any order; days with returns netted out are the caller's business.
 */
export function predictRunOut(purchases: readonly ProductPurchase[], daysPerUnit: number | null): RunOut | null {
  const byDay = new Map<IsoDate, number>();
  for (const p of purchases) if (p.qty > 0) byDay.set(p.day, (byDay.get(p.day) ?? 0) + p.qty);
  const days = [...byDay.keys()].sort();
  const last = days[days.length - 1];
  if (last === undefined) return null;
  if (days.length >= 2) {
    const gaps = days.slice(1).map((d, i) => daysBetween(days[i] as IsoDate, d)).slice(-GAPS_KEPT);
    const usual = medianDays(gaps);
    return { on: addDays(last, usual), basis: 'own', days: usual };
  }
  if (daysPerUnit === null || daysPerUnit <= 0) return null;
  const days1 = (byDay.get(last) ?? 0) * daysPerUnit;
  return { on: addDays(last, days1), basis: 'nominal', days: days1 };
}

/** The median, rounded to whole days (the lower middle for an even count, rounded up half). */
function medianDays(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : Math.round(((s[mid - 1] as number) + (s[mid] as number)) / 2);
}

/** The formula stage (1-based) a baby of `ageMonths` should be on: [6, 12, 36] → 0–5 m 1段, 6–11 m 2段, 12–35 m 3段, then 4段. */
export function stageForAge(ageMonths: number, stageEndMonths: readonly number[]): number {
  const i = stageEndMonths.findIndex((end) => ageMonths < end);
  return (i === -1 ? stageEndMonths.length : i) + 1;
}

/**
 * A baby about to outgrow the stage she still buys: the day the baby reaches the end of `boughtStage`
 * falls within `aheadDays` from today, or has passed by at most `graceDays` (she still buys the old
 * stage). Null for a baby not yet born, a stage without an end, or a boundary outside that window.
 */
export function stageChangeDue(
  birthDate: IsoDate,
  boughtStage: number,
  stageEndMonths: readonly number[],
  today: IsoDate,
  aheadDays: number,
  graceDays = 30,
): { toStage: number; on: IsoDate } | null {
  if (birthDate > today) return null;
  const end = stageEndMonths[boughtStage - 1];
  if (end === undefined) return null;
  const on = addMonths(birthDate, end);
  const until = daysBetween(today, on);
  if (until > aheadDays || until < -graceDays) return null;
  return { toStage: boughtStage + 1, on };
}

/**
 * Lapsing: with `minVisits` or more distinct purchase days, past her median gap × factor; with fewer,
 * `fallbackDays` or more without a purchase. Days ascending and distinct.
 */
export function lapsing(
  purchaseDays: readonly IsoDate[],
  today: IsoDate,
  s: Pick<CareSettings, 'lapseFactorPct' | 'lapseMinVisits' | 'lapseDays'>,
): { daysSince: number; usualDays: number | null } | null {
  const last = purchaseDays[purchaseDays.length - 1];
  if (last === undefined) return null;
  const daysSince = daysBetween(last, today);
  if (purchaseDays.length >= s.lapseMinVisits && purchaseDays.length >= 2) {
    const usual = medianDays(purchaseDays.slice(1).map((d, i) => daysBetween(purchaseDays[i] as IsoDate, d)));
    return daysSince * 100 > usual * s.lapseFactorPct ? { daysSince, usualDays: usual } : null;
  }
  return daysSince >= s.lapseDays ? { daysSince, usualDays: null } : null;
}

/** What the owner did about an entry. */
export type CareAction = 'done' | 'snoozed' | 'skipped';
export const CONTACT_CHANNELS = ['copy', 'sms', 'email', 'csv', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_OUTCOMES = ['replied', 'noAnswer'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** One row of the outreach log (`contacts`). */
export interface Contact {
  id: Id;
  memberId: Id;
  at: number;
  /** The local day of `at`. */
  day: IsoDate;
  reason: CareReason;
  /** The entry's subject within the reason (a baby, a product), so two babies are two entries. */
  subject: string;
  action: CareAction;
  channel: ContactChannel | null;
  /** The template used (its reason), or null when nothing was sent. */
  template: CareReason | null;
  /** Snoozed until (exclusive): listed again on this day. */
  until: IsoDate | null;
  outcome: ContactOutcome | null;
  actorId: Id | null;
  createdAt: number;
  updatedAt: number;
}

/** The key an entry is known by in the log: member, reason and subject. */
export function careKey(memberId: Id, reason: CareReason, subject: string): string {
  return `${memberId}|${reason}|${subject}`;
}

/**
 * Whether the log keeps an entry off today's list: a snooze still running, or a done/skipped contact
 * for the same member, reason and subject within the cooldown.
 */
export function isSuppressed(
  log: readonly Pick<Contact, 'day' | 'action' | 'until'>[],
  today: IsoDate,
  cooldownDays: number,
): boolean {
  return log.some((c) =>
    c.action === 'snoozed' ? c.until !== null && c.until > today : daysBetween(c.day, today) < cooldownDays,
  );
}

/**
 * Fill a message template. Placeholders in either language: {姓名}/{name}, {宝宝}/{baby}, {积分}/{points},
 * {到期日}/{date}, {店名}/{store}, {商品}/{product}, {天数}/{days}, {段}/{stage}, {等级}/{tier}, {活动}/{event}. An unknown or empty
 * placeholder is left out (never the raw braces in a message to a customer).
 */
export type TemplateValues = Partial<
  Record<'name' | 'baby' | 'points' | 'date' | 'store' | 'product' | 'days' | 'stage' | 'tier' | 'event', string>
>;

const PLACEHOLDERS: Record<string, keyof TemplateValues> = {
  姓名: 'name',
  name: 'name',
  宝宝: 'baby',
  baby: 'baby',
  积分: 'points',
  points: 'points',
  到期日: 'date',
  date: 'date',
  店名: 'store',
  store: 'store',
  商品: 'product',
  product: 'product',
  天数: 'days',
  days: 'days',
  段: 'stage',
  stage: 'stage',
  等级: 'tier',
  tier: 'tier',
  活动: 'event',
  event: 'event',
};

export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{([^{}\s]{1,12})\}/g, (_, name: string) => {
    const key = placeholderField(name);
    return key === undefined ? '' : (values[key] ?? '');
  });
}

/** The `settings` row that holds CareSettings. */
export const CARE_SETTINGS_KEY = 'care';

const CARE_LIMITS: Record<Exclude<keyof CareSettings, 'stageEndMonths'>, [number, number]> = {
  birthdayDays: [0, 60],
  runOutDays: [0, 60],
  stageDays: [0, 90],
  lapseFactorPct: [100, 1000],
  lapseMinVisits: [2, 50],
  lapseDays: [7, 730],
  pointsExpiringDays: [1, 365],
  renewalDays: [1, 365],
  inviteDays: [1, 90],
  recentDays: [1, 90],
  cooldownDays: [0, 365],
  snoozeDays: [1, 90],
  cameBackDays: [1, 180],
};

/** Fields out of range (whole numbers within limits; stage ends rising, 1–72 months). */
export function validateCareSettings(s: CareSettings): (keyof CareSettings)[] {
  const bad = (Object.keys(CARE_LIMITS) as (keyof typeof CARE_LIMITS)[]).filter((k) => {
    const [min, max] = CARE_LIMITS[k];
    const v = s[k];
    return !Number.isInteger(v) || v < min || v > max;
  });
  const ends = s.stageEndMonths;
  const rising = ends.every((m, i) => Number.isInteger(m) && m >= 1 && m <= 72 && (i === 0 || m > (ends[i - 1] ?? 0)));
  return ends.length >= 1 && ends.length <= 4 && rising ? bad : [...bad, 'stageEndMonths'];
}

/** The entries the log has not dealt with: each checked against the contacts of its own key. */
export function openEntries<E extends { memberId: Id; reason: CareReason; subject: string }>(
  entries: readonly E[],
  log: readonly Contact[],
  today: IsoDate,
  cooldownDays: number,
): E[] {
  const byKey = new Map<string, Contact[]>();
  for (const c of log) {
    const k = careKey(c.memberId, c.reason, c.subject);
    const seen = byKey.get(k);
    if (seen) seen.push(c);
    else byKey.set(k, [c]);
  }
  return entries.filter((e) => !isSuppressed(byKey.get(careKey(e.memberId, e.reason, e.subject)) ?? [], today, cooldownDays));
}

/** The value a placeholder name (either language, without braces) stands for, or undefined. */
export function placeholderField(name: string): keyof TemplateValues | undefined {
  return Object.hasOwn(PLACEHOLDERS, name) ? PLACEHOLDERS[name] : undefined;
}

/** The names a value can be asked for by, Chinese first: 'name' → ['姓名', 'name']. */
export function placeholdersOf(field: keyof TemplateValues): string[] {
  return Object.keys(PLACEHOLDERS).filter((name) => PLACEHOLDERS[name] === field);
}

/** The placeholder names a template uses, in order of first use, without braces. */
export function placeholderNames(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([^{}\s]{1,12})\}/g)].map((m) => m[1] ?? ''))];
}

/** The values a template asks for (each placeholder in either language mapped to its value's name). */
export function templateFields(template: string): (keyof TemplateValues)[] {
  const fields = new Set<keyof TemplateValues>();
  for (const name of placeholderNames(template)) {
    const key = placeholderField(name);
    if (key) fields.add(key);
  }
  return [...fields].sort();
}
