import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShopDB } from '../../src/lib/db/shop-db';
import type { CommandContext } from '../../src/lib/db/context';
import { registerMember } from '../../src/lib/db/commands/members';
import { commitCheckout, type CheckoutRequest } from '../../src/lib/db/commands/checkout';
import { receiptData } from '../../src/lib/db/queries/sales';
import { verify } from '../../src/lib/db/queries/verify';
import { DomainError } from '../../src/lib/domain/errors';
import type { Member } from '../../src/lib/domain/member';
import type { Tier } from '../../src/lib/domain/tier';
import {
  localInstant,
  makeLine,
  makeValidMember,
  type CounterId,
  type TestClock,
} from '../fixtures/factories';
import { openTestShop, rejection, T0, tableCounts } from '../fixtures/test-shop';

let db: ShopDB;
let clock: TestClock;
let newId: CounterId;
let ctx: CommandContext;
let normal: Tier, silver: Tier, gold: Tier;
let member: Member;
const T1 = localInstant(2026, 3, 5, 15, 30);

beforeEach(async () => {
  let tiers: Tier[];
  ({ db, clock, newId, ctx, tiers } = await openTestShop({ actorId: 'staff-1' }));
  [normal, silver, gold] = tiers as [Tier, Tier, Tier, Tier];
  member = await registerMember(db, makeValidMember({ name: '王小红', phone: '13812345678' }), ctx);
  clock.set(T1);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

async function snapshot() {
  return {
    counts: await tableCounts(db),
    members: await db.members.toArray(),
    sales: await db.sales.toArray(),
    points: await db.pointsLedger.toArray(),
    history: await db.tierHistory.toArray(),
  };
}

const sell = (memberId: string | null, lines = [makeLine()], paymentMethod: CheckoutRequest['paymentMethod'] = 'cash') =>
  commitCheckout(db, { memberId, lines, paymentMethod }, ctx);

describe('commitCheckout', () => {
  it('writes exactly one sale and one points entry and updates the member', async () => {
    const before = await tableCounts(db);
    expect(before).toMatchObject({ members: 1, tiers: 4, settings: 1, tierHistory: 1, sales: 0, pointsLedger: 0 });
    const saleId = newId.peek(1);
    const pointsId = newId.peek(2);
    const growthId = newId.peek(3);
    const lines = [
      makeLine({ productId: 'p1', sku: 'SKU-001', name: '奶瓶', brand: '贝亲', category: '喂养', unitPriceFen: 1990, qty: 2 }),
      makeLine({ name: '湿巾', unitPriceFen: 4500 }),
    ];
    const rows = await sell(member.id, lines, 'alipay');

    const sale = {
      id: saleId,
      memberId: member.id,
      at: T1,
      lines: [
        { ...lines[0], amountFen: 3980, discountFen: 0, couponFen: 0, pointsCashFen: 0, paidFen: 3980 },
        { ...lines[1], amountFen: 4500, discountFen: 0, couponFen: 0, pointsCashFen: 0, paidFen: 4500 },
      ],
      subtotalFen: 8480,
      discountFen: 0,
      couponId: null,
      couponFen: 0,
      pointsRedeemed: 0,
      pointsCashFen: 0,
      totalFen: 8480,
      deliveryFeeFen: 0,
      storedValuePrincipalFen: 0,
      storedValueBonusFen: 0,
      otherPaidFen: 8480,
      paymentMethod: 'alipay',
      tierId: normal.id,
      campaignId: null,
      pointsEarned: 84, // ¥84.80 → 84
      refundOf: null,
      fullReturn: false,
      assistantId: 'staff-1',
      createdAt: T1,
      updatedAt: T1,
    };
    const pointsEntry = {
      id: pointsId,
      memberId: member.id,
      at: T1,
      kind: 'earn',
      points: 84,
      saleId,
      expiresAt: localInstant(2027, 3, 5, 15, 30),
      lotId: null,
      reason: '',
      createdAt: T1,
      updatedAt: T1,
    };
    // Growth value by the default weights: ⌊¥84.80 × 1⌋ = 84 for the spend, 10 for the visit.
    const growthEntry = { id: growthId, memberId: member.id, at: T1, kind: 'purchase', value: 94, saleId, ref: null, spend: 84, visit: 10, createdAt: T1, updatedAt: T1 };
    expect(rows).toEqual({
      sale,
      points: [pointsEntry],
      storedValue: null,
      coupon: null,
      memberAggregates: { tierId: normal.id, pointsBalance: 84, storedValueFen: 0, lifetimeSpendFen: 8480, visitCount: 1, lastPurchaseAt: T1, growthValue: 94 },
      tierChange: null,
      growth: growthEntry,
      referralRewards: [],
    });
    expect(await db.growthLedger.toArray()).toEqual([growthEntry]);
    expect(await db.sales.toArray()).toEqual([sale]);
    expect(await db.pointsLedger.toArray()).toEqual([pointsEntry]);
    expect(await db.members.get(member.id)).toEqual({
      ...member,
      pointsBalance: 84,
      lifetimeSpendFen: 8480,
      visitCount: 1,
      lastPurchaseAt: T1,
      growthValue: 94,
      updatedAt: T1,
    });
    expect(await tableCounts(db)).toEqual({ ...before, sales: 1, pointsLedger: 1, dailyRollups: 1, growthLedger: 1 });
    expect(await verify(db)).toEqual({ membersChecked: 1, drifts: [] });
  });

  it('gives a receipt with the points balance right after the sale and the upgrade it caused', async () => {
    const first = await sell(member.id, [makeLine({ unitPriceFen: 1990 })]); // 19 points
    clock.set(localInstant(2026, 3, 6, 9, 0));
    const second = await sell(member.id, [makeLine({ unitPriceFen: 100_000 })]); // 1000 points → 银卡
    clock.set(localInstant(2026, 3, 7, 9, 0));
    const walkIn = await sell(null, [makeLine({ unitPriceFen: 500 })]);

    const r1 = await receiptData(db, first.sale.id);
    expect(r1).toMatchObject({ sale: first.sale, pointsAfter: 19, tierChange: null });
    expect(r1?.member?.id).toBe(member.id);
    expect(r1?.tiers).toHaveLength(4);
    const r2 = await receiptData(db, second.sale.id);
    expect(r2).toMatchObject({ sale: second.sale, pointsAfter: 1019, tierChange: second.tierChange });
    expect(r2?.tierChange).toMatchObject({ fromTierId: normal.id, toTierId: silver.id, reason: 'purchase' });
    expect(await receiptData(db, walkIn.sale.id)).toMatchObject({ sale: walkIn.sale, member: null, pointsAfter: null, tierChange: null });
    expect(await receiptData(db, 'nope')).toBeNull();
  });

  it('crosses two tiers in one sale, writes one tier change, then gives the new discount', async () => {
    const before = await tableCounts(db);
    const saleId = newId.peek(1);
    const historyId = newId.peek(3);
    // ¥5,100 at 普通 (no discount): 510_000 ≥ 金卡 500_000, past 银卡 100_000
    const rows = await sell(member.id, [makeLine({ unitPriceFen: 170_000, qty: 3 })]);
    expect(rows.sale).toMatchObject({ id: saleId, totalFen: 510_000, tierId: normal.id, pointsEarned: 5100 });
    expect(rows.points.map((p) => p.points)).toEqual([5100]); // ×1 of 普通, not ×1.5 of 金卡
    const change = {
      id: historyId,
      memberId: member.id,
      at: T1,
      fromTierId: normal.id,
      toTierId: gold.id,
      reason: 'purchase',
      createdAt: T1,
      updatedAt: T1,
    };
    expect(rows.tierChange).toEqual(change);
    expect(await db.tierHistory.where('[memberId+at]').equals([member.id, T1]).toArray()).toEqual([change]);
    expect(await tableCounts(db)).toEqual({ ...before, sales: 1, pointsLedger: 1, tierHistory: 2, dailyRollups: 1, growthLedger: 1 });
    expect(await db.members.get(member.id)).toMatchObject({
      tierId: gold.id,
      pointsBalance: 5100,
      lifetimeSpendFen: 510_000,
      visitCount: 1,
    });

    // The next sale is at 金卡: 9折 and ×1.5. ¥19.90 → ¥17.91; 17.91 × 1.5 = 26.865 → 26 points.
    const T2 = localInstant(2026, 3, 6, 9, 0);
    clock.set(T2);
    const next = await sell(member.id, [makeLine({ unitPriceFen: 1990 })]);
    expect(next.sale).toMatchObject({ subtotalFen: 1990, discountFen: 199, totalFen: 1791, tierId: gold.id, pointsEarned: 26 });
    expect(next.tierChange).toBeNull();
    expect(await db.members.get(member.id)).toMatchObject({
      tierId: gold.id,
      pointsBalance: 5126,
      lifetimeSpendFen: 511_791,
      visitCount: 2,
      lastPurchaseAt: T2,
      updatedAt: T2,
    });
    expect(await tableCounts(db)).toEqual({ ...before, growthLedger: 2, sales: 2, pointsLedger: 2, tierHistory: 2, dailyRollups: 2 });
    expect((await verify(db)).drifts).toEqual([]);
  });

  it('prices a 银卡 member at 9.5折 per line', async () => {
    await sell(member.id, [makeLine({ unitPriceFen: 100_000 })]); // exactly 银卡: 1000 points
    expect((await db.members.get(member.id))?.tierId).toBe(silver.id);
    const rows = await sell(member.id, [
      makeLine({ unitPriceFen: 1990 }), // 1891
      makeLine({ unitPriceFen: 1999 }), // 1899
      makeLine({ unitPriceFen: 10000, qty: 3 }), // 28500
    ]);
    expect(rows.sale).toMatchObject({ subtotalFen: 33989, discountFen: 1699, totalFen: 32290, tierId: silver.id });
    expect(rows.sale.lines.map((l) => l.paidFen)).toEqual([1891, 1899, 28500]);
    expect(rows.points.map((p) => p.points)).toEqual([387]); // 322.90 × 1.2 = 387.48
    expect(await db.members.get(member.id)).toMatchObject({
      tierId: silver.id,
      pointsBalance: 1387,
      lifetimeSpendFen: 132_290,
      visitCount: 2,
    });
  });

  it('counts a 0-yuan sale as a visit without a points entry', async () => {
    const before = await tableCounts(db);
    const rows = await sell(member.id, [makeLine({ name: '赠品', unitPriceFen: 0 })]);
    expect(rows.sale).toMatchObject({ totalFen: 0, pointsEarned: 0 });
    expect(rows.points).toEqual([]);
    // The visit still earns growth value (10 by default), though nothing was paid.
    expect(await tableCounts(db)).toEqual({ ...before, sales: 1, dailyRollups: 1, growthLedger: 1 });
    expect(await db.members.get(member.id)).toEqual({
      ...member,
      visitCount: 1,
      lastPurchaseAt: T1,
      growthValue: 10,
      updatedAt: T1,
    });
    expect((await verify(db)).drifts).toEqual([]);
  });

  it('writes only the sale for a walk-in', async () => {
    const before = await snapshot();
    const rows = await sell(null, [makeLine({ unitPriceFen: 8000 })], 'wechat');
    expect(rows.sale).toMatchObject({ memberId: null, tierId: null, totalFen: 8000, pointsEarned: 0, discountFen: 0 });
    expect(rows.points).toEqual([]);
    expect(rows.memberAggregates).toBeNull();
    expect(await tableCounts(db)).toEqual({ ...before.counts, sales: 1, dailyRollups: 1 });
    expect(await db.members.toArray()).toEqual(before.members);
  });

  it('refuses an unknown or deleted member and a bad cart, writing nothing', async () => {
    const before = await snapshot();
    const e1 = await rejection(sell('nobody'));
    expect(e1).toBeInstanceOf(DomainError);
    expect((e1 as DomainError).detail).toEqual({ code: 'notFound', entity: 'member' });
    const e2 = await rejection(sell(member.id, []));
    expect((e2 as DomainError).detail).toEqual({ code: 'checkout', reason: 'emptyCart' });
    const e3 = await rejection(sell(member.id, [makeLine({ qty: 1000 })]));
    expect((e3 as DomainError).detail).toEqual({ code: 'checkout', reason: 'qtyRange' });
    const e4 = await rejection(sell(null, [makeLine({ unitPriceFen: -1 })]));
    expect((e4 as DomainError).detail).toEqual({ code: 'checkout', reason: 'priceRange' });
    expect(await snapshot()).toEqual(before);

    await db.members.update(member.id, { deletedAt: T0 });
    const e5 = await rejection(sell(member.id));
    expect((e5 as DomainError).detail).toEqual({ code: 'notFound', entity: 'member' });
    expect(await db.sales.count()).toBe(0);
  });

  describe('a failing step leaves nothing written', () => {
    it('when adding the points entry throws', async () => {
      await sell(member.id, [makeLine({ unitPriceFen: 1000 })]); // 10 points, a first sale on file
      const before = await snapshot();
      const spy = vi.spyOn(db.pointsLedger, 'bulkAdd').mockImplementationOnce(() => {
        throw new Error('disk full');
      });
      const error = await rejection(sell(member.id, [makeLine({ unitPriceFen: 5000 })]));
      expect((error as Error).message).toBe('disk full');
      expect(spy).toHaveBeenCalledTimes(1);
      expect(await snapshot()).toEqual(before);

      // The next attempt goes through untouched by the failed one.
      await sell(member.id, [makeLine({ unitPriceFen: 5000 })]);
      expect(await db.members.get(member.id)).toMatchObject({ pointsBalance: 60, lifetimeSpendFen: 6000, visitCount: 2 });
      expect((await verify(db)).drifts).toEqual([]);
    });

    it('when adding the points entry rejects asynchronously', async () => {
      const before = await snapshot();
      vi.spyOn(db.pointsLedger, 'bulkAdd').mockRejectedValueOnce(new Error('quota exceeded'));
      const error = await rejection(sell(member.id, [makeLine({ unitPriceFen: 5000 })]));
      expect((error as Error).message).toBe('quota exceeded');
      expect(await snapshot()).toEqual(before);
    });

    it('when the points entry id is already taken (ConstraintError)', async () => {
      const taken = newId.peek(2); // the sale takes peek(1), its points entry peek(2)
      await db.pointsLedger.add({
        id: taken,
        memberId: member.id,
        at: T0,
        kind: 'adjust',
        points: 0,
        saleId: null,
        expiresAt: null,
        reason: 'placeholder',
        createdAt: T0,
        updatedAt: T0,
      });
      const before = await snapshot();
      const error = await rejection(sell(member.id, [makeLine({ unitPriceFen: 5000 })]));
      // The points rows go in with one bulkAdd: its BulkError carries the ConstraintError.
      expect(error).toMatchObject({ name: 'BulkError', failures: [expect.objectContaining({ name: 'ConstraintError' })] });
      expect(await snapshot()).toEqual(before);
      expect(before.sales).toEqual([]);
    });

    it('when the tier change is the step that fails (sale and points already added)', async () => {
      const taken = newId.peek(3); // sale, points entry, then the tier change
      await db.tierHistory.add({
        id: taken,
        memberId: 'someone-else',
        at: T0,
        fromTierId: null,
        toTierId: normal.id,
        reason: 'registration',
        createdAt: T0,
        updatedAt: T0,
      });
      const before = await snapshot();
      const error = await rejection(sell(member.id, [makeLine({ unitPriceFen: 100_000 })])); // would upgrade to 银卡
      expect((error as Error).name).toBe('ConstraintError');
      expect(await snapshot()).toEqual(before);
      expect((await db.members.get(member.id))?.tierId).toBe(normal.id);
    });

    it('when the member update, the last step, fails', async () => {
      const before = await snapshot();
      vi.spyOn(db.members, 'put').mockRejectedValueOnce(new Error('boom'));
      const error = await rejection(sell(member.id, [makeLine({ unitPriceFen: 100_000 })]));
      expect((error as Error).message).toBe('boom');
      expect(await snapshot()).toEqual(before);
    });
  });
});

describe('verify', () => {
  it('finds no drift after several sales, and the exact drift injected', async () => {
    const other = await registerMember(db, makeValidMember({ name: '王芳', phone: '13912345678' }), ctx);
    const S1 = localInstant(2026, 3, 1, 11, 0);
    const S2 = localInstant(2026, 3, 2, 11, 0);
    const S3 = localInstant(2026, 3, 3, 11, 0);
    const S4 = localInstant(2026, 3, 3, 12, 0);
    const S5 = localInstant(2026, 3, 4, 12, 0);
    clock.set(S1);
    await sell(member.id, [makeLine({ unitPriceFen: 1990 })]); // 普通: 19 points, spend 1_990
    clock.set(S2);
    await sell(member.id, [makeLine({ unitPriceFen: 50_000, qty: 2 })]); // 普通: 1000 points, spend 101_990 → 银卡
    clock.set(S3);
    await sell(member.id, [makeLine({ unitPriceFen: 1990 }), makeLine({ unitPriceFen: 1999 })]); // 银卡: 1891 + 1899 = 3790, 45 points
    clock.set(S4);
    await sell(other.id, [makeLine({ unitPriceFen: 0 })]); // a gift: a visit, no points
    clock.set(S5);
    await sell(null, [makeLine({ unitPriceFen: 8000 })]); // walk-in

    expect(await tableCounts(db)).toMatchObject({ members: 2, sales: 5, pointsLedger: 3, tierHistory: 3 });
    expect(await db.members.get(member.id)).toMatchObject({
      tierId: silver.id,
      pointsBalance: 1064,
      lifetimeSpendFen: 105_780,
      visitCount: 3,
      lastPurchaseAt: S3,
    });
    expect(await db.members.get(other.id)).toMatchObject({
      tierId: normal.id,
      pointsBalance: 0,
      lifetimeSpendFen: 0,
      visitCount: 1,
      lastPurchaseAt: S4,
    });
    expect(await verify(db)).toEqual({ membersChecked: 2, drifts: [] });

    await db.members.update(member.id, { pointsBalance: 999 });
    expect(await verify(db)).toEqual({
      membersChecked: 2,
      drifts: [{ memberId: member.id, field: 'pointsBalance', cached: 999, actual: 1064 }],
    });

    await db.members.update(member.id, { pointsBalance: 1064, tierId: normal.id, visitCount: 2 });
    await db.members.update(other.id, { lastPurchaseAt: null });
    const report = await verify(db);
    expect(report.drifts).toHaveLength(3);
    expect(report.drifts).toEqual(
      expect.arrayContaining([
        { memberId: member.id, field: 'visitCount', cached: 2, actual: 3 },
        { memberId: member.id, field: 'tierId', cached: normal.id, actual: silver.id },
        { memberId: other.id, field: 'lastPurchaseAt', cached: null, actual: S4 },
      ]),
    );
  });

  it('reports ledger rows of a member who does not exist', async () => {
    await sell(member.id, [makeLine({ unitPriceFen: 1000 })]);
    await db.pointsLedger.add({
      id: 'stray',
      memberId: 'ghost',
      at: T1,
      kind: 'adjust',
      points: 5,
      saleId: null,
      expiresAt: null,
      reason: '',
      createdAt: T1,
      updatedAt: T1,
    });
    expect(await verify(db)).toEqual({
      membersChecked: 1,
      drifts: [{ memberId: 'ghost', field: 'orphanRows', cached: null, actual: 1 }],
    });
  });
});
