import type { CareEntry } from '../../../lib/analytics/protocol';
import { renderTemplate } from '../../../lib/domain/care';
import { customTemplate, type MessageTemplates } from '../../../lib/domain/message-templates';
import { date, i18n, number, t } from '../../../lib/i18n/i18n.svelte';

/** The reason of an entry in words, with its figures. */
export function whyText(e: CareEntry): string {
  const d = e.detail;
  const on = date(e.on);
  switch (e.reason) {
    case 'renewalDue':
      return t('care.why.renewalDue', { date: on });
    case 'pointsExpiring':
      return t('care.why.pointsExpiring', { points: number(d.points ?? 0), date: on });
    case 'formulaRunOut':
      return d.basis === 'own'
        ? t('care.why.formulaRunOutOwn', { product: d.product ?? '', date: on, usual: d.usualDays ?? 0 })
        : t('care.why.formulaRunOutNominal', { product: d.product ?? '', date: on });
    case 'stageChange':
      return t('care.why.stageChange', { baby: d.baby || '—', stage: d.stage ?? 0, date: on });
    case 'birthday':
      return d.coupon ? t('care.why.birthdayCoupon', { date: on, code: d.coupon }) : t('care.why.birthday', { date: on });
    case 'babyBirthday':
      return t('care.why.babyBirthday', { baby: d.baby || '—', age: d.age ?? 0, date: on });
    case 'tierUpgrade':
      return t('care.why.tierUpgrade', { tier: d.tier ?? '' });
    case 'referralReward':
      return d.baby ? t('care.why.referralRewardReferrer', { who: d.baby }) : t('care.why.referralReward');
    case 'eventReminder':
      return d.days === 0 ? t('care.why.eventToday', { event: d.event ?? '' }) : t('care.why.eventTomorrow', { event: d.event ?? '' });
    case 'eventInvite':
      return t('care.why.eventInvite', { event: d.event ?? '', date: on });
    case 'lapsing':
      return d.usualDays ? t('care.why.lapsingUsual', { days: d.days ?? 0, usual: d.usualDays }) : t('care.why.lapsing', { days: d.days ?? 0 });
    case 'followUp':
      return t(`care.why.followUp.${d.trigger ?? 'purchase'}`, { rule: d.rule ?? '', product: d.product || '—', since: d.since ? date(d.since) : '' });
  }
}

/** The suggested message for an entry in the app's language — the shop's wording if it has one — filled with her data. */
export function messageFor(e: CareEntry, store: string, templates: MessageTemplates): string {
  const d = e.detail;
  // A follow-up rule's own wording comes first; then the shop's template for the reason; then the built-in one.
  return renderTemplate(d.template ?? customTemplate(templates, e.reason, i18n.locale) ?? t(`care.template.${e.reason}`), {
    name: e.name,
    store,
    baby: d.baby ?? '',
    points: d.points === undefined ? '' : number(d.points),
    date: date(e.on),
    product: d.product ?? '',
    days: d.days === undefined ? '' : String(d.days),
    stage: d.stage === undefined ? '' : String(d.stage),
    tier: d.tier ?? '',
    event: d.event ?? '',
  });
}
