import { activeBoost, type Campaign } from '../../domain/campaign';
import { localDateOf } from '../../domain/clock';
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
}

/** Her stored value, usable coupons and next points expiry, as of `now`. */
export async function memberLoyalty(db: ShopDB, memberId: string, now: number): Promise<MemberLoyalty> {
  return db.transaction('r', [db.storedValueLedger, db.coupons, db.pointsLedger], async () => {
    const range = [memberId, -Infinity] as const;
    const [sv, coupons, points] = await Promise.all([
      db.storedValueLedger.where('[memberId+at]').between([...range], [memberId, Infinity]).toArray(),
      db.coupons.where('memberId').equals(memberId).toArray(),
      db.pointsLedger.where('[memberId+at]').between([...range], [memberId, Infinity]).toArray(),
    ]);
    const refunded = new Set(sv.filter((e) => e.kind === 'topupRefund').map((e) => e.topUpId));
    return {
      storedValue: storedValueBalance(sv),
      topUps: sv.filter((e) => e.kind === 'topup' && !refunded.has(e.id)).sort((a, b) => b.at - a.at),
      coupons: coupons.filter((c) => c.usedSaleId === null && c.expiresAt > now).sort((a, b) => a.expiresAt - b.expiresAt),
      nextExpiry: nextExpiry(points, now),
    };
  });
}

/** The points boost running today, if any. */
export async function todaysBoost(db: ShopDB, now: number): Promise<{ id: string; multiplierBp: number } | null> {
  const campaigns: Campaign[] = await db.campaigns.toArray();
  return activeBoost(campaigns, localDateOf(now));
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
