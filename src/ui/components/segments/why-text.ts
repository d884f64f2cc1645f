import type { MatchReason } from '../../../lib/domain/segment';
import { date, money, number, t } from '../../../lib/i18n/i18n.svelte';

/** Why a member matches a segment, one short phrase per criterion. */
export function whyMatches(why: readonly MatchReason[], tierName: (id: string) => string): string {
  return why
    .map((r) => {
      switch (r.field) {
        case 'tier':
          return tierName(r.tierId);
        case 'babyStage':
          return t('segments.why.babyStage', { baby: r.baby || '—', stage: t(`stage.${r.stage}`) });
        case 'babyAge':
          return t('segments.why.babyAge', { baby: r.baby || '—', months: r.months });
        case 'tags':
          return r.tags.join('、');
        case 'region':
          return r.region;
        case 'rfm':
          return t(`analytics.rfm.class.${r.cls}`);
        case 'daysSince':
          return r.days === null ? t('segments.why.neverBought') : t('segments.why.daysSince', { days: number(r.days) });
        case 'spend':
          return t('segments.why.spend', { amount: money(r.fen) });
        case 'points':
          return t('segments.why.points', { points: number(r.points) });
        case 'consent':
          return t(`segments.consent.${r.consent}`);
        case 'storedValue':
          return t('segments.why.storedValue', { amount: money(r.fen) });
        case 'birthdayMonth':
          return t('segments.why.birthday', { date: date(r.birthday) });
      }
    })
    .join(' · ');
}
