import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyticsService, type AnalyticsService } from '../../src/lib/analytics/service';
import { saveCampaign, saveCouponTemplate } from '../../src/lib/db/commands/catalogue';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { registerMember } from '../../src/lib/db/commands/members';
import { deleteSegment, issueCouponToMembers, saveSegment } from '../../src/lib/db/commands/segments';
import { emptyFilter } from '../../src/lib/domain/segment';
import { localInstant, makeLine, makeValidMember } from '../fixtures/factories';
import { openTestShop, rejection, type TestShop } from '../fixtures/test-shop';

let shop: TestShop;
let service: AnalyticsService;

beforeEach(async () => {
  shop = await openTestShop();
  service = createAnalyticsService(shop.db);
});

afterEach(async () => {
  service.close();
  shop.db.close();
  await shop.db.delete();
});

const TEMPLATE = { name: '满100减10', kind: 'fixed' as const, valueFen: 1_000, percentBp: 10000, minSpendFen: 10_000, validDays: 30, category: null, pointsCost: 0, active: true };

describe('segments', () => {
  it('counts and lists who matches, with why', async () => {
    const { db, ctx, clock } = shop;
    const a = await registerMember(db, makeValidMember({ name: '甲', phone: '13800000001', tags: ['二胎'] }), ctx);
    await registerMember(db, makeValidMember({ name: '乙', phone: '13800000002' }), ctx);
    clock.set(localInstant(2026, 3, 2));
    await commitCheckout(db, { memberId: a.id, lines: [makeLine({ unitPriceFen: 60_000 })], paymentMethod: 'cash' }, ctx);

    const filter = { ...emptyFilter(), spendFen: { min: 50_000, max: null } };
    expect(await service.handle('segment', { filter, today: '2026-03-05', preview: 10 })).toEqual({
      count: 1,
      members: [{ id: a.id, name: '甲', phone: '13800000001', why: [{ field: 'spend', fen: 60_000 }] }],
    });
    expect((await service.handle('segment', { filter: emptyFilter(), today: '2026-03-05', preview: 1 })).count).toBe(2);
    const recent = { ...emptyFilter(), daysSinceLastPurchase: { min: null, max: 7 } };
    expect((await service.handle('segment', { filter: recent, today: '2026-03-05', preview: 10 })).members.map((m) => m.name)).toEqual(['甲']);
  });

  it('saves, updates and deletes a segment; refuses a nameless one', async () => {
    const { db, ctx } = shop;
    const s = await saveSegment(db, { name: ' 沉睡会员 ', filter: { ...emptyFilter(), daysSinceLastPurchase: { min: 90, max: null } } }, ctx);
    expect(s.name).toBe('沉睡会员');
    await saveSegment(db, { id: s.id, name: '沉睡会员 90天', filter: s.filter }, ctx);
    expect((await db.segments.toArray()).map((x) => x.name)).toEqual(['沉睡会员 90天']);
    expect(await rejection(saveSegment(db, { name: '', filter: emptyFilter() }, ctx))).toMatchObject({ detail: { code: 'invalid', field: 'nameRequired' } });
    await deleteSegment(db, s.id);
    expect(await db.segments.count()).toBe(0);
  });

  it('issues one coupon to each member of a segment, all or none', async () => {
    const { db, ctx } = shop;
    const template = await saveCouponTemplate(db, TEMPLATE, ctx);
    const a = await registerMember(db, makeValidMember({ phone: '13800000001' }), ctx);
    const b = await registerMember(db, makeValidMember({ phone: '13800000002' }), ctx);
    const coupons = await issueCouponToMembers(db, { templateId: template.id, memberIds: [a.id, b.id, a.id] }, ctx);
    expect(coupons.map((c) => [c.memberId, c.reason, c.valueFen])).toEqual([
      [a.id, 'campaign', 1_000],
      [b.id, 'campaign', 1_000],
    ]);
    expect(await rejection(issueCouponToMembers(db, { templateId: template.id, memberIds: [a.id, 'gone'] }, ctx))).toMatchObject({
      detail: { code: 'notFound', entity: 'member' },
    });
    expect(await db.coupons.count()).toBe(2);
  });
});

describe('a campaign aimed at a segment', () => {
  it('fixes its hold-out when created, keeps it on edit, and measures the effect against it', async () => {
    const { db, ctx, clock } = shop;
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await registerMember(db, makeValidMember({ phone: `1380000001${i}` }), ctx)).id);
    const input = { name: '双倍积分周', kind: 'doublePoints' as const, startDate: '2026-03-02', endDate: '2026-03-08', multiplierBp: 20000 };
    const target = { segmentId: 'seg-1', segmentName: '全部', memberIds: ids, holdoutBp: 2000, costFen: 10_000 };
    const campaign = await saveCampaign(db, { ...input, target }, ctx, () => 0);
    expect(campaign.target).toMatchObject({ holdoutBp: 2000, costFen: 10_000, holdoutIds: [ids[1], ids[2]] });
    expect(campaign.target?.treatedIds).toHaveLength(8);
    const edited = await saveCampaign(db, { ...input, id: campaign.id, name: '双倍积分周（延长）', target: { ...target, holdoutBp: 5000 } }, ctx);
    expect(edited.target).toEqual(campaign.target);
    expect(await rejection(saveCampaign(db, { ...input, target: { ...target, holdoutBp: 6000 } }, ctx))).toMatchObject({ detail: { code: 'invalid', field: 'holdoutBp' } });

    // Two reached members buy ¥100 each during the campaign; nobody held out buys.
    clock.set(localInstant(2026, 3, 3));
    for (const id of campaign.target!.treatedIds.slice(0, 2))
      await commitCheckout(db, { memberId: id, lines: [makeLine({ unitPriceFen: 10_000 })], paymentMethod: 'cash' }, ctx);
    const e = await service.handle('campaignEffect', { campaignId: campaign.id, today: '2026-03-20' });
    // Regular tier pays 100 % in the test tiers: ¥100 each → ¥200 over 8 members, ¥25 a member; hold-out 0.
    expect(e?.treated).toMatchObject({ members: 8, participants: 2, duringFen: 20_000, meanDuringFen: 2_500 });
    expect(e?.holdout).toMatchObject({ members: 2, participants: 0, duringFen: 0 });
    expect(e?.upliftPerMemberFen).toBe(2_500);
    expect(e?.upliftTotalFen).toBe(20_000);
    expect(e?.returnOnCostBp).toBe(20_000);
    expect(await service.handle('campaignEffect', { campaignId: 'none', today: '2026-03-20' })).toBeNull();
  });
});

describe('campaign kinds', () => {
  it('gives the reached members double points and none to the hold-out', async () => {
    const { db, ctx, clock } = shop;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await registerMember(db, makeValidMember({ phone: `1380000002${i}` }), ctx)).id);
    const target = { segmentId: 'seg-1', segmentName: '全部', memberIds: ids, holdoutBp: 2000, costFen: 0 };
    const c = await saveCampaign(db, { name: '双倍积分', kind: 'doublePoints', startDate: '2026-03-02', endDate: '2026-03-08', multiplierBp: 20000, target }, ctx, () => 0);
    clock.set(localInstant(2026, 3, 3));
    const [held] = c.target!.holdoutIds;
    const [reached] = c.target!.treatedIds;
    const sale = async (id: string) => (await commitCheckout(db, { memberId: id, lines: [makeLine({ unitPriceFen: 10_000 })], paymentMethod: 'cash' }, ctx)).sale;
    expect(await sale(reached!)).toMatchObject({ pointsEarned: 200, campaignId: c.id });
    expect(await sale(held!)).toMatchObject({ pointsEarned: 100, campaignId: null });
  });

  it('takes a discount off its categories at checkout while it runs', async () => {
    const { db, ctx, clock } = shop;
    const m = await registerMember(db, makeValidMember({ phone: '13800000031' }), ctx);
    const c = await saveCampaign(db, { name: '奶粉节', kind: 'discount', startDate: '2026-03-02', endDate: '2026-03-08', multiplierBp: 10000, discountBp: 8_000, categories: ['奶粉', '奶粉'] }, ctx);
    expect(c.categories).toEqual(['奶粉']);
    const lines = [makeLine({ category: '奶粉', unitPriceFen: 10_000 }), makeLine({ category: '玩具', unitPriceFen: 5_000 })];
    clock.set(localInstant(2026, 3, 3));
    expect((await commitCheckout(db, { memberId: m.id, lines, paymentMethod: 'cash' }, ctx)).sale).toMatchObject({ totalFen: 13_000, discountFen: 2_000, campaignId: c.id, pointsEarned: 130 });
    // a walk-in gets it too; after the end date nobody does
    expect((await commitCheckout(db, { memberId: null, lines, paymentMethod: 'cash' }, ctx)).sale.totalFen).toBe(13_000);
    clock.set(localInstant(2026, 3, 9));
    expect((await commitCheckout(db, { memberId: m.id, lines, paymentMethod: 'cash' }, ctx)).sale).toMatchObject({ totalFen: 15_000, campaignId: null });
  });

  it('drops a coupon on each reached member when created, once, and needs a segment to do it', async () => {
    const { db, ctx } = shop;
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await registerMember(db, makeValidMember({ phone: `1380000004${i}` }), ctx)).id);
    const template = await saveCouponTemplate(db, TEMPLATE, ctx);
    const input = { name: '回店礼', kind: 'couponDrop' as const, startDate: '2026-03-02', endDate: '2026-03-08', multiplierBp: 10000, couponTemplateId: template.id };
    expect(await rejection(saveCampaign(db, input, ctx))).toMatchObject({ detail: { code: 'invalid', field: 'segment' } });
    expect(await rejection(saveCampaign(db, { ...input, couponTemplateId: undefined }, ctx))).toMatchObject({ detail: { code: 'invalid', field: 'couponTemplateId' } });
    expect(await db.campaigns.count()).toBe(0);
    const target = { segmentId: 'seg-1', segmentName: '全部', memberIds: ids, holdoutBp: 1000, costFen: 0 };
    const c = await saveCampaign(db, { ...input, target }, ctx, () => 0);
    const coupons = await db.coupons.toArray();
    expect(coupons.map((x) => x.memberId).sort()).toEqual([...c.target!.treatedIds].sort());
    expect(coupons.every((x) => x.reason === 'campaign' && x.templateId === template.id)).toBe(true);
    // an edit gives no more coupons and cannot change the kind
    await saveCampaign(db, { ...input, id: c.id, name: '回店礼（延长）', endDate: '2026-03-15' }, ctx);
    expect(await db.coupons.count()).toBe(9);
    expect(await rejection(saveCampaign(db, { ...input, id: c.id, kind: 'doublePoints', multiplierBp: 20000 }, ctx))).toMatchObject({ detail: { code: 'invalid', field: 'kind' } });
  });
});
