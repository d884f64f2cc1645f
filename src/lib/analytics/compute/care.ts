/**
 * Today's care list (今日关怀): every member the rules of domain/care name today, with the reason's
 * figures. Pure, over facts and a few small lists the worker reads. The contact log's cooldown is
 * applied by the page (the log changes with every tap; this list only when the shop's data does).
 */
import { addDays, daysBetween, localDateOf, type IsoDate } from '../../domain/clock';
import {
  daysToAnniversary,
  lapsing,
  predictRunOut,
  SERVICE_REASONS,
  stageChangeDue,
  type CareReason,
  type CareSettings,
  type ProductPurchase,
} from '../../domain/care';
import { FOLLOW_UP_WINDOW_DAYS, followUpsDue, type FollowUpRule, type FollowUpSale, type FollowUpTrigger } from '../../domain/follow-up';
import type { MarketingConsent } from '../../domain/member';
import { dayNumber } from '../../domain/period';
import { isoOfDay, memberSales, purchaseDays, type Facts } from './facts';

export interface CareMemberInput {
  id: string;
  name: string;
  phone: string;
  email: string;
  birthday: IsoDate | null;
  consent: MarketingConsent;
  referrerId: string | null;
  referralRewardedAt?: number;
  pointsBalance: number;
  deletedAt?: number;
}

export interface CareInput {
  today: IsoDate;
  settings: CareSettings;
  members: readonly CareMemberInput[];
  babies: readonly { id: string; memberId: string; nickname: string; birthDate: IsoDate; expecting: boolean }[];
  /** Formula products (a stage or nominal days per unit). */
  formula: readonly { id: string; name: string; formulaStage: number | null; daysPerUnit: number | null }[];
  /** Points that expire within the window, per member (from her lots). */
  expiring: readonly { memberId: string; points: number; on: IsoDate }[];
  /** Paid cards due for renewal (latest term per member). */
  renewals: readonly { memberId: string; endsOn: IsoDate }[];
  /** Upgrades by purchase in the recent window. */
  tierUps: readonly { memberId: string; on: IsoDate; tierName: string }[];
  /** Birthday coupons issued this year, open. */
  birthdayCoupons: readonly { memberId: string; code: string }[];
  /** Events from today on, with whom they invited, and their sign-ups. */
  events: readonly { id: string; name: string; date: IsoDate; invitedIds: readonly string[] }[];
  signups: readonly { eventId: string; memberId: string }[];
  /** Follow-up call rules, and product names for their messages (by product id). */
  followUps?: readonly FollowUpRule[];
  productNames?: ReadonlyMap<string, string>;
}

/** The figures a reason's message and wording need. */
export interface CareDetail {
  baby?: string;
  /** Age the baby turns (birthday) or its age in months (stage change). */
  age?: number;
  product?: string;
  points?: number;
  stage?: number;
  days?: number;
  usualDays?: number | null;
  tier?: string;
  coupon?: string;
  event?: string;
  /** own or nominal run-out prediction. */
  basis?: 'own' | 'nominal';
  /** Follow-up: the rule's name, what set it off, the sale's day and the rule's own message. */
  rule?: string;
  trigger?: FollowUpTrigger;
  since?: IsoDate;
  template?: string;
}

export interface CareEntry {
  memberId: string;
  name: string;
  phone: string;
  email: string;
  consent: MarketingConsent;
  reason: CareReason;
  subject: string;
  /** A service reason (reaches members who opted out of marketing). */
  service: boolean;
  /** The day the reason is about: the birthday, the run-out day, the expiry … */
  on: IsoDate;
  detail: CareDetail;
}

const optedOut = (c: MarketingConsent) => !c.sms && !c.wechat && !c.email;

export function careList(facts: Facts, input: CareInput): CareEntry[] {
  const { today, settings: s } = input;
  const out: CareEntry[] = [];
  const members = new Map(input.members.filter((m) => m.deletedAt === undefined).map((m) => [m.id, m]));
  const add = (memberId: string, reason: CareReason, subject: string, on: IsoDate, detail: CareDetail) => {
    const m = members.get(memberId);
    if (!m) return;
    const service = SERVICE_REASONS.has(reason);
    if (!service && optedOut(m.consent)) return;
    out.push({ memberId, name: m.name, phone: m.phone, email: m.email, consent: m.consent, reason, subject, service, on, detail });
  };

  for (const r of input.renewals) add(r.memberId, 'renewalDue', r.endsOn, r.endsOn, { days: daysBetween(today, r.endsOn) });
  for (const e of input.expiring) add(e.memberId, 'pointsExpiring', e.on, e.on, { points: e.points, days: daysBetween(today, e.on) });

  const coupons = new Map(input.birthdayCoupons.map((c) => [c.memberId, c.code]));
  for (const m of members.values()) {
    if (m.birthday === null) continue;
    const days = daysToAnniversary(m.birthday, today);
    if (days <= s.birthdayDays) {
      const coupon = coupons.get(m.id);
      add(m.id, 'birthday', today.slice(0, 4), addDays(today, days), { days, ...(coupon ? { coupon } : {}) });
    }
  }
  for (const b of input.babies) {
    if (b.expecting || b.birthDate > today) continue;
    const days = daysToAnniversary(b.birthDate, today);
    const on = addDays(today, days);
    const age = Number(on.slice(0, 4)) - Number(b.birthDate.slice(0, 4));
    if (days <= s.birthdayDays && age >= 1) add(b.memberId, 'babyBirthday', b.id, on, { baby: b.nickname, age, days });
  }

  formulaReasons(facts, input, add);
  eventReasons(input, add);
  followUpReasons(facts, input, add);

  const recentFrom = addDays(today, -s.recentDays);
  for (const u of input.tierUps) if (u.on > recentFrom) add(u.memberId, 'tierUpgrade', u.on, u.on, { tier: u.tierName });
  for (const m of members.values()) {
    if (m.referralRewardedAt === undefined) continue;
    const on = localDateOf(m.referralRewardedAt);
    if (on <= recentFrom) continue;
    add(m.id, 'referralReward', on, on, {});
    if (m.referrerId) add(m.referrerId, 'referralReward', `${on}|${m.id}`, on, { baby: m.name });
  }

  for (let i = 0; i < facts.members.length; i++) {
    const id = facts.members[i]?.id;
    if (id === undefined || !members.has(id)) continue;
    const days = purchaseDays(facts, i).map(isoOfDay);
    const lapse = lapsing(days, today, s);
    if (lapse) add(id, 'lapsing', days[days.length - 1] ?? '', today, { days: lapse.daysSince, usualDays: lapse.usualDays });
  }

  const order = new Map(REASON_ORDER.map((r, i) => [r, i]));
  return out.sort((a, b) => (order.get(a.reason) ?? 0) - (order.get(b.reason) ?? 0) || a.on.localeCompare(b.on) || a.name.localeCompare(b.name));
}

/** Most urgent first: what runs out or expires, then the warm reasons, then the win-backs. */
const REASON_ORDER: readonly CareReason[] = [
  'formulaRunOut',
  'renewalDue',
  'pointsExpiring',
  'stageChange',
  'birthday',
  'babyBirthday',
  'tierUpgrade',
  'referralReward',
  'eventReminder',
  'eventInvite',
  'followUp',
  'lapsing',
];

type Add = (memberId: string, reason: CareReason, subject: string, on: IsoDate, detail: CareDetail) => void;

/** The day before (and the day of) an event, her sign-up is a reminder; an invitation stands until she signs up. */
function eventReasons(input: CareInput, add: Add): void {
  const { today, settings: s } = input;
  const signedUp = new Set(input.signups.map((x) => `${x.eventId}|${x.memberId}`));
  for (const e of input.events) {
    const until = daysBetween(today, e.date);
    if (until < 0) continue;
    if (until <= 1) for (const x of input.signups) if (x.eventId === e.id) add(x.memberId, 'eventReminder', e.id, e.date, { event: e.name, days: until });
    if (until <= s.inviteDays)
      for (const m of e.invitedIds) if (!signedUp.has(`${e.id}|${m}`)) add(m, 'eventInvite', e.id, e.date, { event: e.name, days: until });
  }
}

/**
 * Formula running out (per member and product, from her own intervals or the nominal days) and the
 * stage change of a baby whose mother still buys the stage the baby is about to outgrow.
 */
function formulaReasons(facts: Facts, input: CareInput, add: Add): void {
  const { today, settings: s } = input;
  const products = new Map(input.formula.map((p) => [p.id, p]));
  const slot = facts.products.map((id) => products.get(id) ?? null);
  if (!slot.some((p) => p !== null)) return;
  const babiesOf = new Map<string, CareInput['babies'][number][]>();
  for (const b of input.babies) if (!b.expecting) (babiesOf.get(b.memberId) ?? babiesOf.set(b.memberId, []).get(b.memberId)!).push(b);
  const sl = facts.sales;
  // A product she has not bought for this long is no longer hers (she changed brand or stage).
  const staleDays = 120;

  for (let m = 0; m < facts.members.length; m++) {
    const id = facts.members[m]?.id;
    if (id === undefined) continue;
    const bought = new Map<number, ProductPurchase[]>();
    let lastStage: { stage: number; day: IsoDate } | null = null;
    for (const i of memberSales(facts, m)) {
      if (sl.refund[i]) continue;
      const day = isoOfDay(sl.day[i] ?? 0);
      for (let k = sl.lineStart[i] ?? 0; k < (sl.lineStart[i + 1] ?? 0); k++) {
        const p = sl.lineProduct[k] ?? -1;
        const product = p >= 0 ? slot[p] : null;
        if (!product) continue;
        (bought.get(p) ?? bought.set(p, []).get(p)!).push({ day, qty: sl.lineQty[k] ?? 1 });
        if (product.formulaStage !== null) lastStage = { stage: product.formulaStage, day };
      }
    }
    for (const [p, purchases] of bought) {
      const product = slot[p];
      const runOut = product ? predictRunOut(purchases, product.daysPerUnit) : null;
      if (!product || !runOut) continue;
      const until = daysBetween(today, runOut.on);
      const last = purchases[purchases.length - 1]?.day ?? today;
      if (until <= s.runOutDays && until >= -s.runOutDays && daysBetween(last, today) <= staleDays)
        add(id, 'formulaRunOut', product.id, runOut.on, { product: product.name, days: until, basis: runOut.basis, usualDays: runOut.days });
    }
    if (lastStage && daysBetween(lastStage.day, today) <= staleDays) {
      for (const b of babiesOf.get(id) ?? []) {
        const due = stageChangeDue(b.birthDate, lastStage.stage, s.stageEndMonths, today, s.stageDays);
        if (due) add(id, 'stageChange', b.id, due.on, { baby: b.nickname, stage: due.toStage, days: daysBetween(today, due.on) });
      }
    }
  }
}

/** Follow-up calls due today: each active rule over her sales in time order (see domain/follow-up). */
function followUpReasons(facts: Facts, input: CareInput, add: Add): void {
  const rules = (input.followUps ?? []).filter((r) => r.active);
  if (rules.length === 0) return;
  const { today } = input;
  // Only a sale of the last (longest delay + window) days can be due; older ones still count as history.
  const from = addDays(today, -Math.max(...rules.map((r) => r.delayDays)) - FOLLOW_UP_WINDOW_DAYS);
  const fromDay = dayNumber(from);
  const sl = facts.sales;
  const names = input.productNames ?? new Map<string, string>();
  for (let m = 0; m < facts.members.length; m++) {
    const id = facts.members[m]?.id;
    const mine = id === undefined ? [] : memberSales(facts, m);
    if (id === undefined || mine.length === 0 || (sl.day[mine[mine.length - 1] ?? 0] ?? 0) < fromDay) continue;
    const sales: FollowUpSale[] = [];
    for (const i of mine) {
      const lines = [];
      for (let k = sl.lineStart[i] ?? 0; k < (sl.lineStart[i + 1] ?? 0); k++) {
        const p = sl.lineProduct[k] ?? -1;
        lines.push({
          category: facts.categories[sl.lineCategory[k] ?? 0] ?? '',
          brand: facts.brands[sl.lineBrand[k] ?? 0] ?? '',
          product: p >= 0 ? (names.get(facts.products[p] ?? '') ?? '') : '',
        });
      }
      // Known by its instant: facts' row numbers change when they are rebuilt, the log's subject must not.
      sales.push({ id: String(sl.at[i] ?? 0), day: isoOfDay(sl.day[i] ?? 0), refund: sl.refund[i] === 1, lines });
    }
    for (const d of followUpsDue(rules, sales, today))
      add(id, 'followUp', `${d.rule.id}|${d.saleId}`, d.due, {
        rule: d.rule.name,
        trigger: d.rule.trigger,
        product: d.product,
        since: d.saleDay,
        days: d.rule.delayDays,
        ...(d.rule.template.trim() ? { template: d.rule.template.trim() } : {}),
      });
  }
}
