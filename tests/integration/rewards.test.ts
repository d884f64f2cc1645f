import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveCouponTemplate } from '../../src/lib/db/commands/catalogue';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { commitReturn } from '../../src/lib/db/commands/returns';
import { runDailyJobs } from '../../src/lib/db/commands/daily';
import { registerMember, updateMember } from '../../src/lib/db/commands/members';
import { saveSettings } from '../../src/lib/db/commands/settings';
import { getSettings } from '../../src/lib/db/queries/settings';
import { verify } from '../../src/lib/db/queries/verify';
import type { ShopSettings } from '../../src/lib/domain/settings';
import { localInstant, makeLine, makeValidMember } from '../fixtures/factories';
import { openTestShop, type TestShop } from '../fixtures/test-shop';

let shop: TestShop;
beforeEach(async () => {
  shop = await openTestShop({ at: localInstant(2026, 3, 1, 10, 0) });
});
afterEach(async () => {
  expect((await verify(shop.db)).drifts).toEqual([]);
  await shop.db.delete();
});

async function setRules(rules: Partial<ShopSettings>) {
  await saveSettings(shop.db, { ...(await getSettings(shop.db)), ...rules }, shop.ctx);
}

async function template(name: string) {
  return saveCouponTemplate(
    shop.db,
    { name, kind: 'fixed', valueFen: 1000, percentBp: 10000, minSpendFen: 0, validDays: 30, category: null, pointsCost: 0, active: true },
    shop.ctx,
  );
}

const baby = { nickname: '豆豆', gender: 'girl' as const, birthDate: '2025-10-01', expecting: false };

describe('profile-completion reward', () => {
  it('gives the points once, when birthday, region, address and a baby are all there', async () => {
    const { db, ctx } = shop;
    await setRules({ profileRewardPoints: 100 });
    const complete = await registerMember(
      db,
      makeValidMember({ phone: '13800000001', birthday: '1995-05-05', region: '西湖区', address: '文三路 1 号', babies: [baby] }),
      ctx,
    );
    expect(complete.pointsBalance).toBe(100);
    const partial = await registerMember(db, makeValidMember({ phone: '13800000002', birthday: '1996-06-06' }), ctx);
    expect(partial.pointsBalance).toBe(0);

    const edit = { ...makeValidMember({ phone: '13800000002', birthday: '1996-06-06', region: '滨江区', address: '江南大道 2 号' }), babies: [baby] };
    await updateMember(db, partial.id, edit, ctx);
    expect((await db.members.get(partial.id))?.pointsBalance).toBe(100);
    await updateMember(db, partial.id, { ...edit, notes: 'again' }, ctx);
    expect((await db.members.get(partial.id))?.pointsBalance).toBe(100);
    const rewards = (await db.pointsLedger.toArray()).filter((e) => e.kind === 'reward' && e.reason === 'profile');
    expect(rewards.map((e) => [e.memberId, e.points])).toEqual([
      [complete.id, 100],
      [partial.id, 100],
    ]);
  });

  it('gives nothing while the shop gives 0 points', async () => {
    const m = await registerMember(
      shop.db,
      makeValidMember({ birthday: '1995-05-05', region: '西湖区', address: '文三路 1 号', babies: [baby] }),
      shop.ctx,
    );
    expect(m.pointsBalance).toBe(0);
  });
});

describe('referral coupon', () => {
  it('both sides get the referral coupon with the points on her first purchase, and only then', async () => {
    const { db, ctx } = shop;
    const t = await template('推荐有礼券');
    await setRules({ referralPoints: 200, referralCouponTemplateId: t.id });
    const referrer = await registerMember(db, makeValidMember({ phone: '13800000011' }), ctx);
    const newcomer = await registerMember(db, makeValidMember({ phone: '13800000012', referrerId: referrer.id }), ctx);
    await commitCheckout(db, { memberId: newcomer.id, lines: [makeLine({ unitPriceFen: 10000 })], paymentMethod: 'cash' }, ctx);
    await commitCheckout(db, { memberId: newcomer.id, lines: [makeLine({ unitPriceFen: 10000 })], paymentMethod: 'cash' }, ctx);
    const coupons = await db.coupons.toArray();
    expect(coupons.map((c) => [c.memberId, c.reason, c.templateId]).sort()).toEqual(
      [
        [newcomer.id, 'referral', t.id],
        [referrer.id, 'referral', t.id],
      ].sort(),
    );
    expect((await db.members.get(referrer.id))?.pointsBalance).toBe(200);
  });

  it('a full return of the first purchase takes the reward back; her next purchase earns it again', async () => {
    const { db, ctx, clock } = shop;
    const t = await template('推荐有礼券');
    await setRules({ referralPoints: 200, referralCouponTemplateId: t.id });
    const referrer = await registerMember(db, makeValidMember({ phone: '13800000031' }), ctx);
    const newcomer = await registerMember(db, makeValidMember({ phone: '13800000032', referrerId: referrer.id }), ctx);
    const first = await commitCheckout(db, { memberId: newcomer.id, lines: [makeLine({ unitPriceFen: 10000, qty: 1 })], paymentMethod: 'cash' }, ctx);
    clock.advance(60_000);
    await commitReturn(db, { saleId: first.sale.id, lines: [{ line: 0, qty: 1 }] }, ctx);
    expect((await db.members.get(referrer.id))?.pointsBalance).toBe(0);
    expect((await db.members.get(newcomer.id))?.pointsBalance).toBe(0);
    const live = (await db.coupons.toArray()).filter((c) => c.expiresAt > clock.now());
    expect(live).toEqual([]);

    clock.advance(60_000);
    await commitCheckout(db, { memberId: newcomer.id, lines: [makeLine({ unitPriceFen: 10000 })], paymentMethod: 'cash' }, ctx);
    expect((await db.members.get(referrer.id))?.pointsBalance).toBe(200);
    expect((await db.coupons.toArray()).filter((c) => c.expiresAt > clock.now())).toHaveLength(2);
  });
});

describe('birthday coupon', () => {
  it('is issued by the daily job on her birthday, once a year; 29 February counts on 28 February', async () => {
    const { db, ctx, clock } = shop;
    const t = await template('生日券');
    await setRules({ birthdayCouponTemplateId: t.id });
    const may = await registerMember(db, makeValidMember({ phone: '13800000021', birthday: '1990-05-05' }), ctx);
    const leap = await registerMember(db, makeValidMember({ phone: '13800000022', birthday: '1992-02-29' }), ctx);
    await registerMember(db, makeValidMember({ phone: '13800000023', birthday: null }), ctx);

    clock.set(localInstant(2026, 5, 5, 8, 0));
    expect((await runDailyJobs(db, ctx)).birthdayCoupons).toBe(1);
    clock.set(localInstant(2026, 5, 5, 20, 0));
    expect((await runDailyJobs(db, ctx)).birthdayCoupons).toBe(0);
    clock.set(localInstant(2027, 2, 28, 8, 0));
    expect((await runDailyJobs(db, ctx)).birthdayCoupons).toBe(1);
    clock.set(localInstant(2027, 5, 5, 8, 0));
    expect((await runDailyJobs(db, ctx)).birthdayCoupons).toBe(1);

    const byMember = (await db.coupons.toArray()).map((c) => [c.memberId, c.reason]);
    expect(byMember.filter(([id]) => id === may.id)).toHaveLength(2);
    expect(byMember.filter(([id]) => id === leap.id)).toEqual([[leap.id, 'birthday']]);
  });
});
