import { activeBoost, activeDiscounts } from '../../domain/campaign';
import { buildCheckout, NO_OPTIONS, type CartLine, type CheckoutRows } from '../../domain/checkout';
import { addMonthsToInstant, localDateOf } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { activeTerm } from '../../domain/paid-membership';
import { pointsRow, type PointsEntry } from '../../domain/points';
import type { PaymentMethod } from '../../domain/sale';
import type { CommandContext } from '../context';
import { loadMemberState, memberStateTables } from '../member-state';
import { addSaleToRollups } from '../rollups';
import { addCoupon } from './loyalty';
import { getSettings, getTiers } from '../queries/settings';
import { getGrowthWeights } from '../queries/growth';
import type { ShopDB } from '../shop-db';

export interface CheckoutRequest {
  memberId: string | null;
  lines: CartLine[];
  paymentMethod: PaymentMethod;
  couponId?: string | null;
  pointsToRedeem?: number;
  storedValueFen?: number;
  delivery?: boolean;
  suggestionsShown?: number;
}

export interface CheckoutResult extends CheckoutRows {
  /** Referral rewards this first purchase triggered (hers and her referrer's). */
  referralRewards: PointsEntry[];
}

/**
 * Ring up a sale: the sale row, its points rows, the stored-value payment, the coupon marked used,
 * the tier change and the member's cached aggregates are written in one transaction, from state read
 * inside that same transaction (due expiries first, so no one spends points that have run out).
 */
export async function commitCheckout(db: ShopDB, req: CheckoutRequest, ctx: CommandContext): Promise<CheckoutResult> {
  const tables = [...memberStateTables(db), db.tierHistory, db.tiers, db.coupons, db.campaigns, db.paidMemberships, db.dailyRollups, db.couponTemplates];
  return db.transaction('rw', tables, async () => {
    const found = req.memberId ? await db.members.get(req.memberId) : null;
    if (req.memberId && (!found || found.deletedAt !== undefined)) throw new DomainError({ code: 'notFound', entity: 'member' });
    const [tiers, settings, campaigns, growth] = await Promise.all([getTiers(db), getSettings(db), db.campaigns.toArray(), getGrowthWeights(db)]);
    const state = found ? await loadMemberState(db, found, ctx, settings.tierBasis) : null;
    const coupon = req.couponId ? ((await db.coupons.get(req.couponId)) ?? null) : null;
    if (req.couponId && !coupon) throw new DomainError({ code: 'notFound', entity: 'coupon' });
    const at = ctx.clock.now();
    const paidTerm = found ? activeTerm(await db.paidMemberships.where('memberId').equals(found.id).toArray(), localDateOf(at)) : null;
    const built = buildCheckout(
      {
        at,
        member: state?.member ?? null,
        storedValue: state?.storedValue ?? { principalFen: 0, bonusFen: 0 },
        standing: state?.standing ?? { lifetimeSpendFen: 0, rollingSpendFen: 0, visits12: 0 },
        tiers,
        settings,
        lines: req.lines,
        options: {
          ...NO_OPTIONS,
          coupon,
          pointsToRedeem: req.pointsToRedeem ?? 0,
          storedValueFen: req.storedValueFen ?? 0,
          delivery: req.delivery ?? false,
        },
        campaign: found ? activeBoost(campaigns, localDateOf(at), found.id) : null,
        discounts: activeDiscounts(campaigns, localDateOf(at), found?.id ?? null),
        paidFreeDelivery: paidTerm?.freeDelivery ?? false,
        paymentMethod: req.paymentMethod,
        assistantId: ctx.actorId,
        suggestionsShown: req.suggestionsShown ?? 0,
        growth,
      },
      ctx.newId,
    );
    if (!built.ok) throw new DomainError({ code: 'checkout', reason: built.error });
    const rows = built.rows;
    await db.sales.add(rows.sale);
    await addSaleToRollups(db, rows.sale);
    if (rows.points.length > 0) await db.pointsLedger.bulkAdd(rows.points);
    if (rows.storedValue) await db.storedValueLedger.add(rows.storedValue);
    if (rows.coupon) await db.coupons.put(rows.coupon);
    if (rows.tierChange) await db.tierHistory.add(rows.tierChange);
    if (rows.growth) await db.growthLedger.add(rows.growth);
    const referralRewards: PointsEntry[] = [];
    if (state && rows.memberAggregates) {
      const member = state.member;
      let aggregates = rows.memberAggregates;
      let rewardedAt: number | undefined = member.referralRewardedAt;
      // Referral (推荐有礼): her first purchase rewards both sides, once: points and/or a coupon.
      const rewards = settings.referralPoints > 0 || settings.referralCouponTemplateId !== null;
      const referrer = member.referrerId && member.visitCount === 0 && rewardedAt === undefined && rewards
        ? await db.members.get(member.referrerId)
        : undefined;
      if (referrer && referrer.deletedAt === undefined) {
        const expiresAt = settings.pointsExpiryMonths > 0 ? addMonthsToInstant(at, settings.pointsExpiryMonths) : null;
        if (settings.referralPoints > 0) {
          for (const who of [member.id, referrer.id])
            referralRewards.push(pointsRow(ctx.newId(), who, at, 'reward', settings.referralPoints, rows.sale.id, expiresAt, { reason: 'referral' }));
          await db.pointsLedger.bulkAdd(referralRewards);
          await db.members.update(referrer.id, { pointsBalance: referrer.pointsBalance + settings.referralPoints, updatedAt: at });
        }
        const template = settings.referralCouponTemplateId ? await db.couponTemplates.get(settings.referralCouponTemplateId) : undefined;
        if (template?.active) for (const who of [member.id, referrer.id]) await addCoupon(db, template, who, 'referral', ctx);
        aggregates = { ...aggregates, pointsBalance: aggregates.pointsBalance + settings.referralPoints };
        rewardedAt = at;
      }
      // One put of the row read in this transaction (an update would read it again).
      await db.members.put({ ...member, ...aggregates, ...(rewardedAt !== undefined ? { referralRewardedAt: rewardedAt } : {}), updatedAt: at });
    }
    return { ...rows, referralRewards };
  });
}
