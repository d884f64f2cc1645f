import 'fake-indexeddb/auto';
import { ownerContext } from '../fixtures/test-shop';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { couponRedemption, pointsExpiring, storedValueSplit, tierMovement } from '../../src/lib/analytics/compute/programme';
import { createAnalyticsService, type AnalyticsService } from '../../src/lib/analytics/service';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { saveCouponTemplate } from '../../src/lib/db/commands/catalogue';
import { adjustPoints, issueCoupon, topUp } from '../../src/lib/db/commands/loyalty';
import { replaceShop } from '../../src/lib/db/commands/demo';
import { ShopDB } from '../../src/lib/db/shop-db';
import { generateShop, type ShopSpec } from '../../src/lib/demo/generate';
import { localDateOf } from '../../src/lib/domain/clock';
import { previousPeriod, type Period } from '../../src/lib/domain/period';
import type { Sale } from '../../src/lib/domain/sale';
import { fixedClock, makeLine, makeValidMember } from '../fixtures/factories';
import { registerMember } from '../../src/lib/db/commands/members';

const END = new Date(2026, 2, 31, 20, 0).getTime();
const TODAY = '2026-03-31';
const SPEC: ShopSpec = {
  seed: 7,
  members: 60,
  sales: 900,
  months: 6,
  endAt: END,
  storeName: '贝贝母婴',
  tiers: [
    { name: '普通', thresholdFen: 0, discountBp: 9500, pointsMultiplierBp: 10000, perks: '' },
    { name: '金卡', thresholdFen: 300_000, discountBp: 8800, pointsMultiplierBp: 15000, perks: '' },
  ],
};
const MARCH: Period = { from: '2026-03-01', to: '2026-03-31' };
const FEB = previousPeriod(MARCH, 'month');

let db: ShopDB;
let service: AnalyticsService;

beforeEach(async () => {
  db = new ShopDB(`analytics-${crypto.randomUUID()}`);
  await replaceShop(db, generateShop(SPEC), ownerContext());
  service = createAnalyticsService(db);
});

afterEach(async () => {
  service.close();
  db.close();
  await db.delete();
});

const inPeriod = (s: Sale, p: Period) => localDateOf(s.at) >= p.from && localDateOf(s.at) <= p.to;

describe('the analytics service (what the worker runs)', () => {
  it('answers the overview from rollups with the same figures as the raw sales', async () => {
    const sales = await db.sales.toArray();
    const members = await db.members.toArray();
    const o = await service.handle('overview', { period: MARCH, previous: FEB, today: TODAY });
    const march = sales.filter((s) => inPeriod(s, MARCH));
    expect(o.current.salesFen).toBe(march.reduce((sum, s) => sum + s.totalFen, 0));
    expect(o.current.tickets).toBe(march.filter((s) => s.refundOf === null).length);
    expect(o.current.memberTickets).toBe(march.filter((s) => s.memberId !== null && s.refundOf === null).length);
    expect(o.before.salesFen).toBe(sales.filter((s) => inPeriod(s, FEB)).reduce((sum, s) => sum + s.totalFen, 0));
    expect(o.membersTotal).toBe(SPEC.members);
    expect(o.current.newMembers).toBe(members.filter((m) => m.joinedOn >= MARCH.from).length);
    const activeFrom = new Date(2026, 0, 1).getTime(); // 90 days up to 31 March: from 1 January
    expect(o.activeMembers).toBe(members.filter((m) => (m.lastPurchaseAt ?? 0) >= activeFrom).length);
    expect(o.trend.buckets.reduce((sum, b) => sum + b.salesFen, 0)).toBe(o.current.salesFen);
    expect(o.newMembersByMonth.reduce((sum, m) => sum + m.members, 0)).toBe(
      members.filter((m) => m.joinedOn >= '2025-04-01').length,
    );
  });

  it('keeps the overview’s member counts only until a new member or a sale changes them', async () => {
    const first = await service.handle('overview', { period: MARCH, previous: FEB, today: TODAY });
    const ctx = { ...ownerContext(), clock: fixedClock(END + 60_000) };
    const newcomer = await registerMember(db, makeValidMember({ phone: '13911112222' }), ctx);
    const joined = await service.handle('overview', { period: MARCH, previous: FEB, today: TODAY });
    expect(joined.membersTotal).toBe(first.membersTotal + 1);
    expect(joined.current.newMembers).toBe(first.current.newMembers + (newcomer.joinedOn <= MARCH.to ? 1 : 0));
    // A member who had not bought in 90 days buys: one more active member.
    const activeFrom = new Date(2026, 0, 1).getTime();
    const idle = (await db.members.toArray()).find((m) => m.id !== newcomer.id && (m.lastPurchaseAt ?? 0) < activeFrom)!;
    await commitCheckout(db, { memberId: idle.id, lines: [makeLine()], paymentMethod: 'cash' }, ctx);
    const bought = await service.handle('overview', { period: MARCH, previous: FEB, today: TODAY });
    expect(bought.activeMembers).toBe(joined.activeMembers + 1);
    // Warmed up for the default period, the same figures come back.
    await service.handle('warmUp', { today: TODAY });
    expect((await service.handle('overview', { period: MARCH, previous: FEB, today: TODAY })).activeMembers).toBe(bought.activeMembers);
  });

  it('computes repeat rate, behaviour, RFM, churn and health over the same sales', async () => {
    const sales = await db.sales.toArray();
    const march = sales.filter((s) => inPeriod(s, MARCH));
    const buyers = new Set(march.map((s) => s.memberId).filter((id) => id !== null));

    const repeatByRange = await service.handle('repeat', { period: MARCH, previous: FEB });
    expect(repeatByRange.current.buyers).toBe(buyers.size);

    const b = await service.handle('behaviour', { period: MARCH, previous: FEB });
    expect(b.salesFen).toBe(march.reduce((sum, s) => sum + s.totalFen, 0));
    expect(b.categories.reduce((sum, c) => sum + c.salesFen, 0)).toBe(b.salesFen);
    expect(b.buyers).toBe(buyers.size);
    // Facts are now in memory: the repeat rate comes from them and agrees with the range read.
    expect(await service.handle('repeat', { period: MARCH, previous: FEB })).toEqual(repeatByRange);

    const r = await service.handle('rfm', { today: TODAY, scoring: 'quintile', preview: 3 });
    expect(r.scored + r.neverBought).toBe(SPEC.members);
    expect(r.classes.reduce((sum, c) => sum + c.members, 0)).toBe(r.scored);
    expect(Object.values(r.preview).every((list) => list.length <= 3)).toBe(true);
    const all = await service.handle('rfmMembers', { today: TODAY, scoring: 'quintile', cls: null });
    expect(all).toHaveLength(r.scored);
    const lost = await service.handle('rfmMembers', { today: TODAY, scoring: 'quintile', cls: 'lost' });
    expect(lost).toHaveLength(r.classes.find((c) => c.cls === 'lost')?.members ?? -1);

    const c = await service.handle('churn', { today: TODAY, inactiveDays: 90, factorPct: 200, preview: 5 });
    const listed = await service.handle('churnMembers', { today: TODAY, inactiveDays: 90, factorPct: 200 });
    expect(listed).toHaveLength(c.counts.atRisk + c.counts.lost);
    expect(c.preview).toEqual(listed.slice(0, 5));
    expect(listed.every((m) => m.reasons.length > 0)).toBe(true);

    const h = await service.handle('health', { period: MARCH, previous: FEB });
    const members = await db.members.toArray();
    expect(h.pointsOutstanding).toBe(members.reduce((sum, m) => sum + Math.max(0, m.pointsBalance), 0));
    expect(h.storedValueFen).toBe(members.reduce((sum, m) => sum + Math.max(0, m.storedValueFen), 0));
    expect(h.tiers.map((t) => t.name)).toEqual(['普通', '金卡']);
    expect(h.tiers.reduce((sum, t) => sum + t.members, 0)).toBe(SPEC.members);
    expect(h.assistants.reduce((sum, a) => sum + a.salesFen, 0)).toBe(b.salesFen);
  });

  it('sees a new sale at once (the facts in memory are dropped on any write)', async () => {
    const before = await service.handle('behaviour', { period: MARCH, previous: FEB });
    const ctx = { clock: fixedClock(new Date(2026, 2, 31, 19, 0).getTime()), newId: () => crypto.randomUUID(), actorId: null, role: 'owner' as const };
    await commitCheckout(db, { memberId: null, lines: [makeLine({ unitPriceFen: 12_345, category: '玩具' })], paymentMethod: 'cash' }, ctx);
    const after = await service.handle('behaviour', { period: MARCH, previous: FEB });
    expect(after.tickets).toBe(before.tickets + 1);
    expect(after.salesFen).toBe(before.salesFen + 12_345);
  });

  it('times a full recompute', async () => {
    const full = await service.handle('full', { today: TODAY, period: MARCH, previous: FEB });
    expect(full.sales).toBe(SPEC.sales);
    expect(full.members).toBe(SPEC.members);
    expect(full.loadMs).toBeGreaterThan(0);
    expect(full.computeMs).toBeGreaterThanOrEqual(0);
  });

  it('answers programme health from the ledgers: the same figures as replaying every member', async () => {
    // The generated shop has no top-ups or coupons and no points due within 30 days: add some.
    const [ann, bea] = await db.members.limit(2).toArray();
    const ctxAt = (ms: number) => ({ clock: fixedClock(ms), newId: () => crypto.randomUUID(), actorId: null, role: 'owner' as const });
    const march10 = new Date(2026, 2, 10, 11, 0).getTime();
    await topUp(db, { memberId: ann!.id, amountFen: 50_000, paymentMethod: 'cash' }, ctxAt(march10));
    await topUp(db, { memberId: bea!.id, amountFen: 20_000, paymentMethod: 'cash' }, ctxAt(march10));
    // 12-month expiry (the default): granted 10 April 2025, due 10 April 2026 — inside the 30 days
    await adjustPoints(db, { memberId: bea!.id, points: 700, reason: 'goodwill' }, ctxAt(new Date(2025, 3, 10, 12, 0).getTime()));
    const template = await saveCouponTemplate(db, { name: '满100减10', kind: 'fixed', valueFen: 1_000, percentBp: 10000, minSpendFen: 10_000, validDays: 10, category: null, pointsCost: 0, active: true }, ctxAt(march10));
    for (const m of [ann!, bea!]) await issueCoupon(db, { templateId: template.id, memberId: m.id, reason: 'manual' }, ctxAt(march10));
    await issueCoupon(db, { templateId: template.id, memberId: ann!.id, reason: 'manual' }, ctxAt(new Date(2026, 2, 28, 9, 0).getTime()));

    const p = await service.handle('programme', { period: MARCH, previous: FEB, today: TODAY });
    const [points, sv, changes, coupons, tiers] = await Promise.all([
      db.pointsLedger.toArray(),
      db.storedValueLedger.toArray(),
      db.tierHistory.toArray(),
      db.coupons.toArray(),
      db.tiers.toArray(),
    ]);
    const byMember = new Map<string, typeof points>();
    for (const e of points) byMember.set(e.memberId, [...(byMember.get(e.memberId) ?? []), e]);
    const from = new Date(2026, 2, 31).getTime();
    const to = new Date(2026, 4, 1).getTime() - 1; // through 30 April
    expect(p.expiringTo).toBe('2026-04-30');
    expect(p.expiring).toEqual(pointsExpiring(byMember.values(), from, to));
    expect(p.storedValue).toEqual(storedValueSplit(sv));
    const inMarch = (at: number) => localDateOf(at) >= MARCH.from && localDateOf(at) <= MARCH.to;
    const order = [...tiers].sort((a, b) => a.thresholdFen - b.thresholdFen).map((t) => t.id);
    expect(p.tierMovement).toEqual(tierMovement(changes.filter((c) => inMarch(c.at)), order));
    expect(p.coupons).toEqual(couponRedemption(coupons.filter((c) => inMarch(c.issuedAt)), from));
    // Each figure is something, so the comparison is not of empty figures.
    expect(p.storedValue).toEqual({ principalFen: 70_000, bonusFen: 5_000 }); // the default rule: 充500送50
    expect(p.expiring.points).toBeGreaterThanOrEqual(700);
    expect(p.tierMovement.up).toBeGreaterThan(0);
    // two issued on 10 March valid 10 days: expired by the 31st; one on the 28th: open
    expect(p.coupons).toEqual({ issued: 3, used: 0, expired: 2, open: 1, rateBp: 0 });
  });

  it('refuses an unknown request', async () => {
    await expect(service.handle('nope' as 'full', { today: TODAY, period: MARCH, previous: FEB })).rejects.toThrow(
      /unknown analytics request/,
    );
  });
});
