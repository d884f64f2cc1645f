import type { Member } from '../../../lib/domain/member';
import { nextTierProgress, type Tier, type TierBasis } from '../../../lib/domain/tier';
import { money, number, t } from '../../../lib/i18n/i18n.svelte';

/**
 * Her way to the next tier under the shop's rule: by lifetime spend, or — under the growth rule,
 * where a tier's ¥ threshold reads as growth value — by growth (×100 to compare as fen).
 */
export function tierProgress(tiers: readonly Tier[], member: Pick<Member, 'tierId' | 'lifetimeSpendFen' | 'growthValue'>, basis: TierBasis) {
  const standingFen = basis === 'growth' ? (member.growthValue ?? 0) * 100 : member.lifetimeSpendFen;
  const progress = nextTierProgress(tiers, member.tierId, standingFen);
  if (!progress) return null;
  const text =
    basis === 'growth'
      ? t('members.growthMore', { n: number(Math.ceil(progress.remainingFen / 100)), tier: progress.next.name })
      : t('members.spendMore', { amount: money(progress.remainingFen), tier: progress.next.name });
  return { ...progress, standingFen, text };
}
