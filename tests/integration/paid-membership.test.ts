import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { buyPaidMembership } from '../../src/lib/db/commands/membership';
import { registerMember } from '../../src/lib/db/commands/members';
import { saveSettings } from '../../src/lib/db/commands/settings';
import { paidRenewalsDue } from '../../src/lib/db/queries/loyalty';
import { getSettings } from '../../src/lib/db/queries/settings';
import { verify } from '../../src/lib/db/queries/verify';
import { DomainError } from '../../src/lib/domain/errors';
import { makeLine, makeValidMember } from '../fixtures/factories';
import { openTestShop, type TestShop } from '../fixtures/test-shop';

let shop: TestShop;
beforeEach(async () => {
  shop = await openTestShop();
});
afterEach(async () => {
  await shop.db.delete();
});

describe('paid membership card', () => {
  it('is refused while the shop sells none', async () => {
    const m = await registerMember(shop.db, makeValidMember(), shop.ctx);
    await expect(buyPaidMembership(shop.db, { memberId: m.id, paymentMethod: 'cash' }, shop.ctx)).rejects.toBeInstanceOf(DomainError);
    expect(await shop.db.paidMemberships.count()).toBe(0);
  });

  it('buying and renewing writes consecutive terms; delivery is free while a term is in force', async () => {
    const { db, ctx } = shop;
    const settings = await getSettings(db);
    await saveSettings(db, {
      ...settings,
      deliveryFeeFen: 1500,
      paidPlan: { name: '年卡', feeFen: 9900, termMonths: 12, freeDelivery: true, perks: '' },
    }, ctx);
    const m = await registerMember(db, makeValidMember(), ctx);
    const beforeCard = await commitCheckout(db, { memberId: m.id, lines: [makeLine({ unitPriceFen: 10000 })], paymentMethod: 'cash', delivery: true }, ctx);
    expect(beforeCard.sale.deliveryFeeFen).toBe(1500);

    const first = await buyPaidMembership(db, { memberId: m.id, paymentMethod: 'wechat' }, ctx);
    const renewal = await buyPaidMembership(db, { memberId: m.id, paymentMethod: 'cash' }, ctx);
    expect(first.feeFen).toBe(9900);
    expect(renewal.startsOn > first.endsOn).toBe(true);
    expect(await db.paidMemberships.count()).toBe(2);

    const free = await commitCheckout(db, { memberId: m.id, lines: [makeLine({ unitPriceFen: 10000 })], paymentMethod: 'cash', delivery: true }, ctx);
    expect(free.sale.deliveryFeeFen).toBe(0);
    expect((await verify(db)).drifts).toEqual([]);

    // Nothing due yet: the latest term ends about two years out.
    expect(await paidRenewalsDue(db, first.startsOn, 30)).toEqual([]);
    const due = await paidRenewalsDue(db, renewal.endsOn, 30);
    expect(due.map((d) => d.member.id)).toEqual([m.id]);
  });
});
