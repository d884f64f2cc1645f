import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { runDailyJobs } from '../../src/lib/db/commands/daily';
import { saveEvent, setAttendance, signUp } from '../../src/lib/db/commands/events';
import { backfillGrowth, saveGrowthWeights } from '../../src/lib/db/commands/growth';
import { registerMember } from '../../src/lib/db/commands/members';
import { commitReturn } from '../../src/lib/db/commands/returns';
import { saveSettings } from '../../src/lib/db/commands/settings';
import { getGrowthWeights, growthLedgerOf } from '../../src/lib/db/queries/growth';
import { getSettings } from '../../src/lib/db/queries/settings';
import { verify } from '../../src/lib/db/queries/verify';
import { GROWTH_DEFAULTS } from '../../src/lib/domain/growth';
import { localInstant, makeLine, makeValidMember } from '../fixtures/factories';
import { openTestShop, rejection, type TestShop } from '../fixtures/test-shop';

let shop: TestShop;
beforeEach(async () => {
  shop = await openTestShop({ at: localInstant(2026, 3, 1) });
});
afterEach(() => shop.db.delete());

const ledger = async (memberId: string) => (await growthLedgerOf(shop.db, memberId)).map((e) => [e.kind, e.value]);
const valueOf = async (memberId: string) => (await shop.db.members.get(memberId))?.growthValue ?? 0;

describe('growth value', () => {
  it('grows with a sale, and a partial then a completing return take it all back', async () => {
    const { db, ctx } = shop;
    const m = await registerMember(db, makeValidMember(), ctx);
    const { sale } = await commitCheckout(db, { memberId: m.id, lines: [makeLine({ unitPriceFen: 5_000, qty: 2 })], paymentMethod: 'cash' }, ctx);
    expect(await ledger(m.id)).toEqual([['purchase', 110]]);
    await commitReturn(db, { saleId: sale.id, lines: [{ line: 0, qty: 1 }] }, ctx);
    expect(await ledger(m.id)).toEqual([['purchase', 110], ['return', -50]]);
    await commitReturn(db, { saleId: sale.id, lines: [{ line: 0, qty: 1 }] }, ctx);
    expect(await ledger(m.id)).toEqual([['purchase', 110], ['return', -50], ['return', -60]]);
    expect(await valueOf(m.id)).toBe(0);
    expect((await verify(db)).drifts).toEqual([]);
  });

  it('lifts her tier at checkout when the shop qualifies tiers on growth', async () => {
    const { db, ctx, tiers } = shop;
    await saveSettings(db, { ...(await getSettings(db)), tierBasis: 'growth' }, ctx);
    await saveGrowthWeights(db, { ...GROWTH_DEFAULTS, perYuan: 2 }, ctx);
    const m = await registerMember(db, makeValidMember(), ctx);
    // ¥495 × 2 + 10 = 1000 growth = 银卡's ¥1,000 threshold, though she spent only ¥495.
    const { tierChange } = await commitCheckout(db, { memberId: m.id, lines: [makeLine({ unitPriceFen: 49_500 })], paymentMethod: 'cash' }, ctx);
    expect(tierChange?.toTierId).toBe(tiers[1]!.id);
    expect(await valueOf(m.id)).toBe(1_000);
  });

  it('counts event attendance once per sign-up, and a complete profile once', async () => {
    const { db, ctx } = shop;
    const m = await registerMember(
      db,
      makeValidMember({ birthday: '1992-05-01', region: '杭州', address: '文三路 1 号', babies: [{ nickname: '豆豆', gender: 'girl', birthDate: '2025-10-01', expecting: false }] }),
      ctx,
    );
    expect(await ledger(m.id)).toEqual([['profile', 50]]);
    const event = await saveEvent(db, { name: '烘焙', kind: 'parentChild', date: '2026-03-08', place: '店内', capacity: 10, attendancePoints: 0 }, ctx);
    const s = await signUp(db, { eventId: event.id, memberId: m.id, source: 'counter' }, ctx);
    await setAttendance(db, s.id, true, ctx);
    await setAttendance(db, s.id, false, ctx);
    await setAttendance(db, s.id, true, ctx);
    expect(await ledger(m.id)).toEqual([['profile', 50], ['event', 20], ['eventUndone', -20], ['event', 20]]);
    expect(await valueOf(m.id)).toBe(70);
    expect((await verify(db)).drifts).toEqual([]);
  });

  it('credits months of membership daily and decays once a year, idempotently', async () => {
    const { db, ctx, clock } = shop;
    await saveGrowthWeights(db, { ...GROWTH_DEFAULTS, decayPct: 10 }, ctx);
    const m = await registerMember(db, makeValidMember(), ctx); // joined 2026-03-01
    clock.set(localInstant(2026, 12, 31, 12));
    expect(await runDailyJobs(db, ctx)).toMatchObject({ growthTenure: 1, growthDecayed: 0 });
    expect(await ledger(m.id)).toEqual([['tenure', 45]]); // 9 months × 5
    clock.set(localInstant(2027, 1, 1, 9));
    // 1 January: her tenth month, then 10 % of 50 lapses.
    expect(await runDailyJobs(db, ctx)).toMatchObject({ growthTenure: 1, growthDecayed: 1 });
    expect(await runDailyJobs(db, ctx)).toMatchObject({ growthTenure: 0, growthDecayed: 0 });
    expect(await ledger(m.id)).toEqual([['tenure', 45], ['tenure', 5], ['decay', -5]]);
    expect(await db.members.get(m.id)).toMatchObject({ growthValue: 45, growthMonths: 10, growthDecayYear: 2027 });
    expect((await verify(db)).drifts).toEqual([]);
  });

  it('is counted from history for sales written before growth was kept, once', async () => {
    const { db, ctx, clock } = shop;
    const m = await registerMember(db, makeValidMember(), ctx);
    await commitCheckout(db, { memberId: m.id, lines: [makeLine({ unitPriceFen: 20_000 })], paymentMethod: 'cash' }, ctx);
    // Old data: a second sale whose growth row was never written (an import, an older version).
    const [first] = await db.sales.toArray();
    await db.sales.add({ ...first!, id: 'old-sale', at: localInstant(2026, 2, 1), totalFen: 30_000 });
    clock.set(localInstant(2026, 6, 1));
    const progress: number[] = [];
    const result = await backfillGrowth(db, ctx, (done) => progress.push(done));
    // Expected: 200 + 10 + 300 + 10 + 3 months × 5 = 535; held 210 → opening 325.
    expect(result).toEqual({ members: 1, rows: 1 });
    expect(progress).toEqual([1]);
    expect(await ledger(m.id)).toEqual([['purchase', 210], ['opening', 325]]);
    expect(await db.members.get(m.id)).toMatchObject({ growthValue: 535, growthMonths: 3 });
    expect(await backfillGrowth(db, ctx)).toEqual({ members: 1, rows: 0 });
    // The months it credited are not credited again by the daily job.
    expect(await runDailyJobs(db, ctx)).toMatchObject({ growthTenure: 0 });
    // (Her spend caches drift: the test wrote that sale behind their back. Her growth does not.)
    expect((await verify(db)).drifts.filter((d) => d.field === 'growthValue')).toEqual([]);
  });

  it('keeps its weights owner-only and in range', async () => {
    const { db, ctx } = shop;
    expect(await rejection(saveGrowthWeights(db, { ...GROWTH_DEFAULTS, perVisit: -1 }, ctx))).toMatchObject({ detail: { code: 'invalid', field: 'perVisit' } });
    expect(await rejection(saveGrowthWeights(db, GROWTH_DEFAULTS, { ...ctx, role: 'assistant' }))).toMatchObject({ detail: { code: 'forbidden' } });
    expect(await rejection(backfillGrowth(db, { ...ctx, role: 'assistant' }))).toMatchObject({ detail: { code: 'forbidden' } });
    expect(await getGrowthWeights(db)).toEqual(GROWTH_DEFAULTS);
  });
});
