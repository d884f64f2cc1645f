import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShopDB } from '../../src/lib/db/shop-db';
import type { CommandContext } from '../../src/lib/db/context';
import { registerMember } from '../../src/lib/db/commands/members';
import { commitCheckout, type CheckoutRequest } from '../../src/lib/db/commands/checkout';
import { commitReturn } from '../../src/lib/db/commands/returns';
import { adjustPoints, issueCoupon, redeemGift, refundTopUp, topUp } from '../../src/lib/db/commands/loyalty';
import { saveSettings } from '../../src/lib/db/commands/settings';
import { getSettings } from '../../src/lib/db/queries/settings';
import { verify } from '../../src/lib/db/queries/verify';
import { addMonthsToInstant } from '../../src/lib/domain/clock';
import type { CouponTemplate } from '../../src/lib/domain/coupon';
import { DomainError } from '../../src/lib/domain/errors';
import type { Gift } from '../../src/lib/domain/gift';
import type { Member } from '../../src/lib/domain/member';
import type { Tier } from '../../src/lib/domain/tier';
import { localInstant, makeLine, makeValidMember, type CounterId, type TestClock } from '../fixtures/factories';
import { openTestShop, rejection, tableCounts } from '../fixtures/test-shop';

let db: ShopDB;
let clock: TestClock;
let newId: CounterId;
let ctx: CommandContext;
let normal: Tier;
let member: Member;
const T1 = localInstant(2026, 3, 5, 15, 30);
const T2 = localInstant(2026, 3, 6, 11, 0);
const T3 = localInstant(2026, 3, 8, 16, 45);

const template: CouponTemplate = {
  id: 'tpl-50',
  name: '满500减50',
  kind: 'fixed',
  valueFen: 5_000,
  percentBp: 10000,
  minSpendFen: 50_000,
  validDays: 30,
  category: null,
  pointsCost: 800,
  active: true,
  createdAt: 0,
  updatedAt: 0,
};

beforeEach(async () => {
  let tiers: Tier[];
  ({ db, clock, newId, ctx, tiers } = await openTestShop({ actorId: 'staff-1' }));
  normal = tiers[0]!;
  member = await registerMember(db, makeValidMember({ name: '王小红', phone: '13812345678' }), ctx);
  await db.couponTemplates.add(template);
  clock.set(T1);
});

afterEach(async () => {
  vi.restoreAllMocks();
  // Every scenario leaves caches equal to the ledgers.
  expect((await verify(db)).drifts).toEqual([]);
  await db.delete();
});

/** Every row of every table: what a refused command must leave exactly as it was. */
async function everything() {
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

const reason = (e: unknown) => (e as DomainError).detail;
/** Row count of every table but the daily rollups (a summary the rollup feature keeps and tests). */
async function counts() {
  const { dailyRollups: _rollups, ...rest } = await tableCounts(db);
  return rest;
}
const memberRow = async (id = member.id) => (await db.members.get(id)) as Member;
const bytes = (...b: number[]) => () => Uint8Array.from(b);

/** 200.00 points, ¥500 + ¥50 bonus of stored value and a ¥50 coupon, as of T1. */
async function equip() {
  await adjustPoints(db, { memberId: member.id, points: 20_000, reason: '开业赠送' }, ctx);
  await topUp(db, { memberId: member.id, amountFen: 50_000, paymentMethod: 'wechat' }, ctx);
  return issueCoupon(db, { templateId: template.id, memberId: member.id, reason: 'manual' }, ctx, bytes(8, 9, 10, 11, 12, 13, 14, 15));
}

// ¥596 of 奶粉 (2 × 298) and ¥129 of 纸尿裤 at 普通 (no discount)
const cart = () => [
  makeLine({ productId: 'p1', sku: 'MILK', name: '奶粉', category: '奶粉', unitPriceFen: 29_800, qty: 2 }),
  makeLine({ productId: 'p2', sku: 'DIAP', name: '纸尿裤', category: '纸尿裤', unitPriceFen: 12_900 }),
];

describe('commitCheckout with a coupon, points and stored value', () => {
  it('writes exactly the sale, the redeem and earn rows, the stored-value payment, the used coupon and the caches', async () => {
    const coupon = await equip();
    clock.set(T2);
    const before = await counts();
    const [saleId, redeemId, earnId, payId] = [newId.peek(1), newId.peek(2), newId.peek(3), newId.peek(4)];
    const req: CheckoutRequest = { memberId: member.id, lines: cart(), paymentMethod: 'alipay', couponId: coupon.id, pointsToRedeem: 10_000, storedValueFen: 52_000 };
    const rows = await commitCheckout(db, req, ctx);

    // coupon ¥50 over 59_600 / 12_900 → 4110 / 890 · points ¥100 over 55_490 / 12_010 → 8221 / 1779
    const sale = {
      id: saleId,
      memberId: member.id,
      at: T2,
      lines: [
        { ...req.lines[0], amountFen: 59_600, discountFen: 0, couponFen: 4_110, pointsCashFen: 8_221, paidFen: 47_269 },
        { ...req.lines[1], amountFen: 12_900, discountFen: 0, couponFen: 890, pointsCashFen: 1_779, paidFen: 10_231 },
      ],
      subtotalFen: 72_500,
      discountFen: 0,
      couponId: coupon.id,
      couponFen: 5_000,
      pointsRedeemed: 10_000,
      pointsCashFen: 10_000,
      totalFen: 57_500,
      deliveryFeeFen: 0,
      storedValuePrincipalFen: 50_000,
      storedValueBonusFen: 2_000,
      otherPaidFen: 5_500,
      paymentMethod: 'alipay',
      tierId: normal.id,
      campaignId: null,
      pointsEarned: 55, // only the ¥55 paid by Alipay earns
      refundOf: null,
      fullReturn: false,
      assistantId: 'staff-1',
      createdAt: T2,
      updatedAt: T2,
    };
    expect(rows.sale).toEqual(sale);
    expect(await db.sales.get(saleId)).toEqual(sale);
    const base = { memberId: member.id, at: T2, saleId, reason: '', createdAt: T2, updatedAt: T2 };
    expect(await db.pointsLedger.bulkGet([redeemId, earnId])).toEqual([
      { ...base, id: redeemId, kind: 'redeem', points: -10_000, expiresAt: null, lotId: null },
      { ...base, id: earnId, kind: 'earn', points: 55, expiresAt: localInstant(2027, 3, 6, 11, 0), lotId: null },
    ]);
    expect(await db.storedValueLedger.get(payId)).toEqual({
      ...base,
      id: payId,
      kind: 'pay',
      principalFen: -50_000,
      bonusFen: -2_000,
      topUpId: null,
      paymentMethod: null,
    });
    expect(await db.coupons.get(coupon.id)).toEqual({ ...coupon, usedSaleId: saleId, usedAt: T2, updatedAt: T2 });
    expect(await memberRow()).toEqual({
      ...member,
      pointsBalance: 20_000 - 10_000 + 55,
      storedValueFen: 55_000 - 52_000,
      lifetimeSpendFen: 57_500,
      visitCount: 1,
      lastPurchaseAt: T2,
      growthValue: 575 + 10, // ¥575 paid and the visit
      updatedAt: T2,
    });
    expect(await counts()).toEqual({ ...before, sales: 1, pointsLedger: before.pointsLedger! + 2, storedValueLedger: 2, growthLedger: 1 });
    expect(newId.count).toBe(Number(payId.slice(3)) + 1); // and the growth row: nothing else took an id
  });

  it('writes nothing when an option is refused, not even the due expiries', async () => {
    const coupon = await equip();
    const other = await registerMember(db, makeValidMember({ name: '李娜', phone: '13900000009' }), ctx);
    const hers = await issueCoupon(db, { templateId: template.id, memberId: other.id, reason: 'manual' }, ctx, bytes(20, 21, 22, 23, 24, 25, 26, 27));
    // a year on, the 200.00 points of T1 are due to expire: a refusal must not write even that
    clock.set(addMonthsToInstant(T1, 12));
    await db.coupons.update(coupon.id, { expiresAt: addMonthsToInstant(T1, 13) });
    const before = await everything();
    const attempt = (extra: Partial<CheckoutRequest>) =>
      rejection(commitCheckout(db, { memberId: member.id, lines: cart(), paymentMethod: 'cash', ...extra }, ctx));
    expect(reason(await attempt({ pointsToRedeem: 1 }))).toEqual({ code: 'checkout', reason: 'pointsOverBalance' });
    expect(reason(await attempt({ storedValueFen: 55_001 }))).toEqual({ code: 'checkout', reason: 'storedValueOverBalance' });
    expect(reason(await attempt({ couponId: hers.id }))).toEqual({ code: 'checkout', reason: 'coupon.notHers' });
    expect(reason(await attempt({ couponId: 'nope' }))).toEqual({ code: 'notFound', entity: 'coupon' });
    expect(reason(await attempt({ couponId: coupon.id, lines: [makeLine({ unitPriceFen: 49_999 })] }))).toEqual({ code: 'checkout', reason: 'coupon.minSpend' });
    expect(reason(await rejection(commitCheckout(db, { memberId: null, lines: cart(), paymentMethod: 'cash', storedValueFen: 100 }, ctx)))).toEqual({
      code: 'checkout',
      reason: 'needsMember',
    });
    expect(await everything()).toEqual(before);
  });

  it('refuses a coupon already used', async () => {
    const coupon = await equip();
    await commitCheckout(db, { memberId: member.id, lines: cart(), paymentMethod: 'cash', couponId: coupon.id }, ctx);
    const before = await everything();
    const e = await rejection(commitCheckout(db, { memberId: member.id, lines: cart(), paymentMethod: 'cash', couponId: coupon.id }, ctx));
    expect(reason(e)).toEqual({ code: 'checkout', reason: 'coupon.used' });
    expect(await everything()).toEqual(before);
  });
});

describe('expiry inside checkout', () => {
  it('expires her only lot before she can spend it', async () => {
    const lotId = newId.peek(1);
    await adjustPoints(db, { memberId: member.id, points: 500, reason: '活动赠送' }, ctx);
    const dies = addMonthsToInstant(T1, 12);
    expect((await db.pointsLedger.get(lotId))?.expiresAt).toBe(dies);

    // one ms before, the lot still pays
    clock.set(dies - 1);
    const q = await commitCheckout(db, { memberId: member.id, lines: [makeLine({ unitPriceFen: 1_000 })], paymentMethod: 'cash', pointsToRedeem: 100 }, ctx);
    expect(q.sale.pointsCashFen).toBe(100);
    expect((await memberRow()).pointsBalance).toBe(400 + 9); // ¥9 paid earns 9

    // at the instant it expires, its 400 are gone: redeeming them is refused, and nothing is written
    clock.set(dies);
    const before = await everything();
    const e = await rejection(commitCheckout(db, { memberId: member.id, lines: [makeLine({ unitPriceFen: 1_000 })], paymentMethod: 'cash', pointsToRedeem: 10 }, ctx));
    expect(reason(e)).toEqual({ code: 'checkout', reason: 'pointsOverBalance' });
    expect(await everything()).toEqual(before);

    // a plain sale at that instant writes the expiry first, then the sale's own points
    const expireId = newId.peek(1);
    const sale = await commitCheckout(db, { memberId: member.id, lines: [makeLine({ unitPriceFen: 2_000 })], paymentMethod: 'cash' }, ctx);
    expect(await db.pointsLedger.get(expireId)).toMatchObject({ kind: 'expire', points: -400, lotId, at: dies, saleId: null });
    expect(sale.points.map((p) => [p.kind, p.points])).toEqual([['earn', 20]]);
    expect((await memberRow()).pointsBalance).toBe(9 + 20);
  });
});

describe('referral', () => {
  it('rewards both sides exactly once, on her first purchase', async () => {
    const referrer = member;
    const referred = await registerMember(db, makeValidMember({ name: '陈静', phone: '13900000002', referrerId: referrer.id }), ctx);
    const settings = await getSettings(db);
    expect(settings.referralPoints).toBe(200);
    // the referrer's own purchase rewards no one
    await commitCheckout(db, { memberId: referrer.id, lines: [makeLine({ unitPriceFen: 1_000 })], paymentMethod: 'cash' }, ctx);
    expect((await memberRow(referrer.id)).pointsBalance).toBe(10);

    clock.set(T2);
    const first = await commitCheckout(db, { memberId: referred.id, lines: [makeLine({ unitPriceFen: 3_000 })], paymentMethod: 'cash' }, ctx);
    const lot = { at: T2, kind: 'reward', points: 200, saleId: first.sale.id, expiresAt: addMonthsToInstant(T2, 12), reason: 'referral', lotId: null, createdAt: T2, updatedAt: T2 };
    expect(first.referralRewards).toEqual([
      { ...lot, id: expect.any(String), memberId: referred.id },
      { ...lot, id: expect.any(String), memberId: referrer.id },
    ]);
    expect(await db.pointsLedger.where('saleId').equals(first.sale.id).toArray()).toHaveLength(3); // earn + two rewards
    expect(await memberRow(referred.id)).toMatchObject({ pointsBalance: 30 + 200, referralRewardedAt: T2 });
    expect((await memberRow(referrer.id)).pointsBalance).toBe(10 + 200);

    // returning that first purchase in full takes the reward back from both sides…
    clock.set(T3);
    await commitReturn(db, { saleId: first.sale.id, lines: [{ line: 0, qty: 1 }] }, ctx);
    expect((await memberRow(referred.id)).visitCount).toBe(0);
    expect((await memberRow(referred.id)).pointsBalance).toBe(0);
    expect((await memberRow(referrer.id)).pointsBalance).toBe(10);
    // …and the purchase that then completes her first is rewarded, once
    const again = await commitCheckout(db, { memberId: referred.id, lines: [makeLine({ unitPriceFen: 3_000 })], paymentMethod: 'cash' }, ctx);
    expect(again.referralRewards).toHaveLength(2);
    const more = await commitCheckout(db, { memberId: referred.id, lines: [makeLine({ unitPriceFen: 3_000 })], paymentMethod: 'cash' }, ctx);
    expect(more.referralRewards).toEqual([]);
    expect(await db.pointsLedger.filter((p) => p.kind === 'reward').count()).toBe(4);
    expect((await memberRow(referrer.id)).pointsBalance).toBe(210);
  });
});

describe('commitReturn', () => {
  it('returns part, then the rest, of a sale paid with a coupon, points and stored value', async () => {
    const coupon = await equip();
    clock.set(T2);
    const { sale } = await commitCheckout(
      db,
      { memberId: member.id, lines: cart(), paymentMethod: 'alipay', couponId: coupon.id, pointsToRedeem: 10_000, storedValueFen: 52_000 },
      ctx,
    );
    const earn = await db.pointsLedger.where('saleId').equals(sale.id).filter((p) => p.kind === 'earn').first();

    // one of the two tins of 奶粉: paid 47_269 / 2 → 23_634; coupon 2_055; points 8_221 / 2 → 4_110
    clock.set(T3);
    const was = await counts();
    const firstId = newId.peek(1);
    const first = await commitReturn(db, { saleId: sale.id, lines: [{ line: 0, qty: 1 }] }, ctx);
    expect(first.refund).toMatchObject({
      id: firstId,
      at: T3,
      refundOf: sale.id,
      totalFen: -23_634,
      couponFen: -2_055,
      pointsRedeemed: -4_110,
      pointsCashFen: -4_110,
      storedValuePrincipalFen: -21_373, // ¥520 × 23_634 / 57_500 = 21_373.4, principal first
      storedValueBonusFen: 0,
      otherPaidFen: -2_261,
      pointsEarned: -22, // 55 × 23_634 / 57_500 = 22.6
      fullReturn: false,
      couponId: null,
    });
    expect(await db.sales.get(firstId)).toEqual(first.refund);
    expect((await db.pointsLedger.where('saleId').equals(firstId).toArray()).map((p) => [p.kind, p.points, p.lotId, p.expiresAt])).toEqual([
      ['restore', 4_110, null, addMonthsToInstant(T3, 12)],
      ['reverse', -22, earn?.id, null],
    ]);
    expect(await db.storedValueLedger.where('saleId').equals(firstId).toArray()).toMatchObject([{ kind: 'refund', principalFen: 21_373, bonusFen: 0 }]);
    expect(await counts()).toEqual({ ...was, sales: was.sales! + 1, pointsLedger: was.pointsLedger! + 2, storedValueLedger: was.storedValueLedger! + 1, growthLedger: was.growthLedger! + 1 });
    expect(await memberRow()).toMatchObject({ pointsBalance: 10_055 + 4_110 - 22, storedValueFen: 3_000 + 21_373, lifetimeSpendFen: 33_866, visitCount: 1, updatedAt: T3 });
    expect((await db.coupons.get(coupon.id))?.usedSaleId).toBe(sale.id);
    expect((await verify(db)).drifts).toEqual([]);

    // the rest: everything comes back to what it was before the sale, and the coupon re-opens
    const second = await commitReturn(db, { saleId: sale.id, lines: [{ line: 0, qty: 1 }, { line: 1, qty: 1 }] }, ctx);
    expect(second.refund).toMatchObject({
      totalFen: -33_866,
      pointsRedeemed: -5_890,
      storedValuePrincipalFen: -28_627,
      storedValueBonusFen: -2_000,
      pointsEarned: -33,
      fullReturn: true,
      couponId: coupon.id,
    });
    expect(await memberRow()).toMatchObject({ pointsBalance: 20_000, storedValueFen: 55_000, lifetimeSpendFen: 0, visitCount: 0, lastPurchaseAt: T2 });
    expect(await db.coupons.get(coupon.id)).toMatchObject({ usedSaleId: null, usedAt: null, updatedAt: T3 });

    const e = await rejection(commitReturn(db, { saleId: sale.id, lines: [{ line: 1, qty: 1 }] }, ctx));
    expect(reason(e)).toEqual({ code: 'return', reason: 'alreadyReturned' });
    expect(reason(await rejection(commitReturn(db, { saleId: 'nope', lines: [{ line: 0, qty: 1 }] }, ctx)))).toEqual({ code: 'notFound', entity: 'sale' });
  });

  it('caps the points taken back at her balance unless negative balances are allowed', async () => {
    const { sale } = await commitCheckout(db, { memberId: member.id, lines: [makeLine({ unitPriceFen: 10_000 })], paymentMethod: 'cash' }, ctx);
    await adjustPoints(db, { memberId: member.id, points: -70, reason: '兑换礼品' }, ctx);
    const capped = await commitReturn(db, { saleId: sale.id, lines: [{ line: 0, qty: 1 }] }, ctx);
    expect(capped.pointsShortfall).toBe(70);
    expect((await memberRow()).pointsBalance).toBe(0);

    const again = await commitCheckout(db, { memberId: member.id, lines: [makeLine({ unitPriceFen: 10_000 })], paymentMethod: 'cash' }, ctx);
    await adjustPoints(db, { memberId: member.id, points: -70, reason: '兑换礼品' }, ctx);
    await saveSettings(db, { ...(await getSettings(db)), allowNegativePoints: true }, ctx);
    const negative = await commitReturn(db, { saleId: again.sale.id, lines: [{ line: 0, qty: 1 }] }, ctx);
    expect(negative.pointsShortfall).toBe(0);
    expect((await memberRow()).pointsBalance).toBe(-70);
  });
});

describe('adjustPoints', () => {
  it('grants and deducts with a reason; refuses zero, fractions, no reason and more than her balance', async () => {
    const id = newId.peek(1);
    await adjustPoints(db, { memberId: member.id, points: 300, reason: '  生日礼  ' }, ctx);
    expect(await db.pointsLedger.get(id)).toEqual({
      id,
      memberId: member.id,
      at: T1,
      kind: 'adjust',
      points: 300,
      saleId: null,
      expiresAt: addMonthsToInstant(T1, 12),
      lotId: null,
      reason: '生日礼',
      createdAt: T1,
      updatedAt: T1,
    });
    await adjustPoints(db, { memberId: member.id, points: -100, reason: '更正' }, ctx);
    expect((await memberRow()).pointsBalance).toBe(200);
    const before = await everything();
    expect(reason(await rejection(adjustPoints(db, { memberId: member.id, points: -201, reason: '更正' }, ctx)))).toEqual({ code: 'loyalty', reason: 'pointsOverBalance' });
    expect(reason(await rejection(adjustPoints(db, { memberId: member.id, points: 0, reason: 'x' }, ctx)))).toEqual({ code: 'loyalty', reason: 'amountRange' });
    expect(reason(await rejection(adjustPoints(db, { memberId: member.id, points: 1.5, reason: 'x' }, ctx)))).toEqual({ code: 'loyalty', reason: 'amountRange' });
    expect(reason(await rejection(adjustPoints(db, { memberId: member.id, points: 5, reason: '  ' }, ctx)))).toEqual({ code: 'loyalty', reason: 'reasonRequired' });
    expect(reason(await rejection(adjustPoints(db, { memberId: 'nobody', points: 5, reason: 'x' }, ctx)))).toEqual({ code: 'notFound', entity: 'member' });
    expect(await everything()).toEqual(before);
  });
});

describe('redeemGift', () => {
  const gift = (id: string, pointsCost: number, stock: number, active = true): Gift => ({ id, name: `礼品${id}`, pointsCost, stock, active, createdAt: 0, updatedAt: 0 });

  beforeEach(async () => {
    await db.gifts.bulkAdd([gift('bib', 500, 2), gift('toy', 300, 5), gift('old', 10, 9, false)]);
    await adjustPoints(db, { memberId: member.id, points: 1_200, reason: '活动' }, ctx);
  });

  it('takes the points and one from stock together, until the stock runs out', async () => {
    clock.set(T2);
    const rowId = newId.peek(1);
    await redeemGift(db, { memberId: member.id, giftId: 'bib' }, ctx);
    expect(await db.pointsLedger.get(rowId)).toMatchObject({ kind: 'redeem', points: -500, reason: '礼品bib', saleId: null, at: T2 });
    expect(await db.gifts.get('bib')).toMatchObject({ stock: 1, updatedAt: T2 });
    await redeemGift(db, { memberId: member.id, giftId: 'bib' }, ctx);
    expect((await db.gifts.get('bib'))?.stock).toBe(0);
    expect((await memberRow()).pointsBalance).toBe(200);

    const before = await everything();
    expect(reason(await rejection(redeemGift(db, { memberId: member.id, giftId: 'bib' }, ctx)))).toEqual({ code: 'loyalty', reason: 'outOfStock' });
    expect(reason(await rejection(redeemGift(db, { memberId: member.id, giftId: 'toy' }, ctx)))).toEqual({ code: 'loyalty', reason: 'pointsOverBalance' });
    expect(reason(await rejection(redeemGift(db, { memberId: member.id, giftId: 'old' }, ctx)))).toEqual({ code: 'notFound', entity: 'gift' });
    expect(await everything()).toEqual(before);
  });

  it('leaves both points and stock alone when the stock update fails', async () => {
    const before = await everything();
    vi.spyOn(db.gifts, 'update').mockRejectedValueOnce(new Error('disk full'));
    expect(((await rejection(redeemGift(db, { memberId: member.id, giftId: 'toy' }, ctx))) as Error).message).toBe('disk full');
    expect(await everything()).toEqual(before);
  });
});

describe('issueCoupon', () => {
  it('issues a coupon valid through the end of its last day, with a readable unique code', async () => {
    const id = newId.peek(1);
    const c = await issueCoupon(db, { templateId: template.id, memberId: member.id, reason: 'manual' }, ctx, bytes(8, 9, 10, 11, 12, 13, 14, 15));
    expect(c).toEqual({
      id,
      templateId: template.id,
      memberId: member.id,
      code: 'ABCDEFGH',
      name: '满500减50',
      kind: 'fixed',
      valueFen: 5_000,
      percentBp: 10000,
      minSpendFen: 50_000,
      category: null,
      reason: 'manual',
      issuedAt: T1,
      expiresAt: localInstant(2026, 4, 4, 0, 0), // 30 days: 3-5 … 4-3 inclusive
      usedSaleId: null,
      usedAt: null,
      createdAt: T1,
      updatedAt: T1,
    });
    expect(await db.coupons.get(id)).toEqual(c);
    // the same random bytes again: the code is taken, so new bytes are drawn
    const draws = [Uint8Array.from([8, 9, 10, 11, 12, 13, 14, 15]), Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1])];
    const second = await issueCoupon(db, { templateId: template.id, memberId: member.id, reason: 'birthday' }, ctx, () => draws.shift() ?? new Uint8Array(8));
    expect(second).toMatchObject({ code: '22222223', reason: 'birthday' });
    expect((await memberRow()).pointsBalance).toBe(0);
  });

  it('sells a coupon for points, and refuses when she has too few', async () => {
    await adjustPoints(db, { memberId: member.id, points: 1_000, reason: '活动' }, ctx);
    const [redeemId, couponId] = [newId.peek(1), newId.peek(2)];
    const c = await issueCoupon(db, { templateId: template.id, memberId: member.id, reason: 'manual', withPoints: true }, ctx, bytes(1, 2, 3, 4, 5, 6, 7, 8));
    expect(c).toMatchObject({ id: couponId, reason: 'points' });
    expect(await db.pointsLedger.get(redeemId)).toMatchObject({ kind: 'redeem', points: -800, reason: '满500减50' });
    expect((await memberRow()).pointsBalance).toBe(200);

    const before = await everything();
    const e = await rejection(issueCoupon(db, { templateId: template.id, memberId: member.id, reason: 'manual', withPoints: true }, ctx, bytes(2, 2, 2, 2, 2, 2, 2, 2)));
    expect(reason(e)).toEqual({ code: 'loyalty', reason: 'pointsOverBalance' });
    await db.couponTemplates.bulkAdd([
      { ...template, id: 'free', pointsCost: 0 },
      { ...template, id: 'off', active: false },
    ]);
    const e2 = await rejection(issueCoupon(db, { templateId: 'free', memberId: member.id, reason: 'manual', withPoints: true }, ctx));
    expect(reason(e2)).toEqual({ code: 'loyalty', reason: 'amountRange' });
    const e3 = await rejection(issueCoupon(db, { templateId: 'off', memberId: member.id, reason: 'manual' }, ctx));
    expect(reason(e3)).toEqual({ code: 'loyalty', reason: 'templateInactive' });
    const e4 = await rejection(issueCoupon(db, { templateId: 'nope', memberId: member.id, reason: 'manual' }, ctx));
    expect(reason(e4)).toEqual({ code: 'notFound', entity: 'template' });
    expect({ ...(await everything()), couponTemplates: before.couponTemplates }).toEqual(before);
  });
});

describe('topUp and refundTopUp', () => {
  it('adds the bonus of the highest rule met, principal and bonus apart', async () => {
    const a = await topUp(db, { memberId: member.id, amountFen: 49_999, paymentMethod: 'cash' }, ctx);
    const b = await topUp(db, { memberId: member.id, amountFen: 50_000, paymentMethod: 'wechat' }, ctx);
    const c = await topUp(db, { memberId: member.id, amountFen: 100_000, paymentMethod: 'alipay' }, ctx);
    expect([a, b, c].map((e) => [e.kind, e.principalFen, e.bonusFen, e.paymentMethod])).toEqual([
      ['topup', 49_999, 0, 'cash'],
      ['topup', 50_000, 5_000, 'wechat'],
      ['topup', 100_000, 15_000, 'alipay'],
    ]);
    expect(await db.storedValueLedger.get(c.id)).toEqual({
      id: c.id,
      memberId: member.id,
      at: T1,
      kind: 'topup',
      principalFen: 100_000,
      bonusFen: 15_000,
      saleId: null,
      topUpId: null,
      paymentMethod: 'alipay',
      reason: '',
      createdAt: T1,
      updatedAt: T1,
    });
    expect((await memberRow()).storedValueFen).toBe(219_999);
    for (const bad of [0, -1, 1.5, 100_000_001])
      expect(reason(await rejection(topUp(db, { memberId: member.id, amountFen: bad, paymentMethod: 'cash' }, ctx)))).toEqual({ code: 'loyalty', reason: 'amountRange' });
  });

  it('refunds the principal and removes the unspent bonus, once', async () => {
    const t = await topUp(db, { memberId: member.id, amountFen: 100_000, paymentMethod: 'alipay' }, ctx);
    clock.set(T2);
    const back = await refundTopUp(db, { topUpId: t.id }, ctx);
    expect(back).toEqual({
      id: back.id,
      memberId: member.id,
      at: T2,
      kind: 'topupRefund',
      principalFen: -100_000,
      bonusFen: -15_000,
      saleId: null,
      topUpId: t.id,
      paymentMethod: 'alipay',
      reason: '',
      createdAt: T2,
      updatedAt: T2,
    });
    expect((await memberRow()).storedValueFen).toBe(0);
    const before = await everything();
    expect(reason(await rejection(refundTopUp(db, { topUpId: t.id }, ctx)))).toEqual({ code: 'loyalty', reason: 'alreadyRefunded' });
    expect(reason(await rejection(refundTopUp(db, { topUpId: back.id }, ctx)))).toEqual({ code: 'loyalty', reason: 'notATopUp' });
    expect(reason(await rejection(refundTopUp(db, { topUpId: 'nope' }, ctx)))).toEqual({ code: 'loyalty', reason: 'notATopUp' });
    expect(await everything()).toEqual(before);
  });

  it('removes only the bonus left when some was spent (bonus first)', async () => {
    await saveSettings(db, { ...(await getSettings(db)), storedValueBonusLast: false }, ctx);
    const t = await topUp(db, { memberId: member.id, amountFen: 100_000, paymentMethod: 'alipay' }, ctx);
    await commitCheckout(db, { memberId: member.id, lines: [makeLine({ unitPriceFen: 4_000 })], paymentMethod: 'cash', storedValueFen: 4_000 }, ctx);
    const back = await refundTopUp(db, { topUpId: t.id }, ctx);
    expect([back.principalFen, back.bonusFen]).toEqual([-100_000, -11_000]);
    expect((await memberRow()).storedValueFen).toBe(0);
  });

  it('is refused once the principal has been spent', async () => {
    const t = await topUp(db, { memberId: member.id, amountFen: 50_000, paymentMethod: 'wechat' }, ctx);
    await commitCheckout(db, { memberId: member.id, lines: [makeLine({ unitPriceFen: 1_000 })], paymentMethod: 'cash', storedValueFen: 1 }, ctx);
    const before = await everything();
    expect(reason(await rejection(refundTopUp(db, { topUpId: t.id }, ctx)))).toEqual({ code: 'loyalty', reason: 'storedValueSpent' });
    expect(await everything()).toEqual(before);
  });
});

describe('registerMember under a visit-based rule', () => {
  it('starts a newcomer on the tier that asks for no visits, with a registration row saying so', async () => {
    await saveSettings(db, { ...(await getSettings(db)), tierBasis: 'visits' }, ctx);
    const tiers = await db.tiers.toArray();
    const silver = tiers.find((t) => t.thresholdFen === 100_000)!;
    await db.tiers.update(silver.id, { visitThreshold: 0 }); // 银卡 needs no visits at all
    await db.tiers.bulkUpdate(tiers.filter((t) => t.thresholdFen > 100_000).map((t) => ({ key: t.id, changes: { visitThreshold: 5 } })));
    const id = newId.peek(1);
    const m = await registerMember(db, makeValidMember({ name: '新会员', phone: '13900000077' }), ctx);
    expect(m.tierId).toBe(silver.id);
    expect(await db.tierHistory.where('[memberId+at]').equals([id, T1]).toArray()).toMatchObject([{ fromTierId: null, toTierId: silver.id, reason: 'registration' }]);
  });
});
