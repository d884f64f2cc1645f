import type { Campaign } from '../../domain/campaign';
import { addDays, localDateOf } from '../../domain/clock';
import { activeTerm, renewalsDue, type PaidMembership } from '../../domain/paid-membership';
import type { Coupon } from '../../domain/coupon';
import type { Gift } from '../../domain/gift';
import { nextExpiry } from '../../domain/lots';
import { storedValueBalance, type StoredValueBalance, type StoredValueEntry } from '../../domain/stored-value';
import type { ShopDB } from '../shop-db';

export interface MemberLoyalty {
  storedValue: StoredValueBalance;
  /** Top-ups, newest first (for refunds of a top-up). */
  topUps: StoredValueEntry[];
  /** Coupons she can still use, soonest to expire first. */
  coupons: Coupon[];
  nextExpiry: { points: number; expiresAt: number } | null;
  /** A paid card in force with free delivery. */
  paidFreeDelivery: boolean;
}

/** Her stored value, usable coupons and next points expiry, as of `now`. */
export async function memberLoyalty(db: ShopDB, memberId: string, now: number): Promise<MemberLoyalty> {
  return db.transaction('r', [db.storedValueLedger, db.coupons, db.pointsLedger, db.paidMemberships], async () => {
    const range = [memberId, -Infinity] as const;
    const [sv, coupons, points] = await Promise.all([
      db.storedValueLedger.where('[memberId+at]').between([...range], [memberId, Infinity]).toArray(),
      db.coupons.where('memberId').equals(memberId).toArray(),
      db.pointsLedger.where('[memberId+at]').between([...range], [memberId, Infinity]).toArray(),
    ]);
    const paid = activeTerm(await db.paidMemberships.where('memberId').equals(memberId).toArray(), localDateOf(now));
    const refunded = new Set(sv.filter((e) => e.kind === 'topupRefund').map((e) => e.topUpId));
    return {
      storedValue: storedValueBalance(sv),
      topUps: sv.filter((e) => e.kind === 'topup' && !refunded.has(e.id)).sort((a, b) => b.at - a.at),
      coupons: coupons.filter((c) => c.usedSaleId === null && c.expiresAt > now).sort((a, b) => a.expiresAt - b.expiresAt),
      nextExpiry: nextExpiry(points, now),
      paidFreeDelivery: paid?.freeDelivery ?? false,
    };
  });
}

/** The campaigns running today; who each reaches is the domain's `reaches`. */
export async function todaysCampaigns(db: ShopDB, now: number): Promise<Campaign[]> {
  const today = localDateOf(now);
  return (await db.campaigns.toArray()).filter((c) => c.startDate <= today && c.endDate >= today);
}

export async function listGifts(db: ShopDB): Promise<Gift[]> {
  return (await db.gifts.toArray()).filter((g) => g.active).sort((a, b) => a.pointsCost - b.pointsCost);
}

/** Refund rows already written for a sale. */
export async function returnsOf(db: ShopDB, saleId: string) {
  return db.sales.where('refundOf').equals(saleId).toArray();
}

export async function activeCouponTemplates(db: ShopDB) {
  return (await db.couponTemplates.toArray()).filter((x) => x.active).sort((a, b) => a.name.localeCompare(b.name));
}

/** A member's paid-card terms, latest first. */
export async function memberPaidTerms(db: ShopDB, memberId: string): Promise<PaidMembership[]> {
  const rows = await db.paidMemberships.where('memberId').equals(memberId).toArray();
  return rows.sort((a, b) => b.endsOn.localeCompare(a.endsOn));
}

/** Paid cards running out within `days` of today (or lapsed that recently), with the member. */
export async function paidRenewalsDue(db: ShopDB, today: string, days: number) {
  const rows = await db.paidMemberships.where('endsOn').between(addDays(today, -days), '\uffff').toArray();
  const due = renewalsDue(rows, today, days);
  const members = await db.members.bulkGet(due.map((r) => r.memberId));
  return due.flatMap((term, i) => {
    const member = members[i];
    return member && member.deletedAt === undefined ? [{ term, member }] : [];
  });
}
