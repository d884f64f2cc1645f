import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShopDB } from '../../src/lib/db/shop-db';
import type { CommandContext } from '../../src/lib/db/context';
import { registerMember } from '../../src/lib/db/commands/members';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { DAILY_CHUNK, LAST_DAILY_RUN_KEY, runDailyJobs } from '../../src/lib/db/commands/daily';
import { adjustPoints, redeemGift } from '../../src/lib/db/commands/loyalty';
import { saveSettings, saveTiers } from '../../src/lib/db/commands/settings';
import { getSettings } from '../../src/lib/db/queries/settings';
import { previewTierRules } from '../../src/lib/db/queries/tier-preview';
import { verify } from '../../src/lib/db/queries/verify';
import { addMonthsToInstant } from '../../src/lib/domain/clock';
import type { Member } from '../../src/lib/domain/member';
import type { PointsEntry } from '../../src/lib/domain/points';
import type { ShopSettings } from '../../src/lib/domain/settings';
import type { Tier, TierInput } from '../../src/lib/domain/tier';
import { localInstant, makeLine, makeValidMember, TIER_INPUTS, type CounterId, type TestClock } from '../fixtures/factories';
import { openTestShop, putSettings } from '../fixtures/test-shop';

let db: ShopDB;
let clock: TestClock;
let newId: CounterId;
let ctx: CommandContext;
let tiers: Tier[];
let normal: Tier, silver: Tier, gold: Tier;
const T1 = localInstant(2026, 3, 5, 15, 30);
const DAY = 86_400_000;

beforeEach(async () => {
  ({ db, clock, newId, ctx, tiers } = await openTestShop({ actorId: 'owner' }));
  [normal, silver, gold] = tiers as [Tier, Tier, Tier, Tier];
  clock.set(T1);
});

afterEach(async () => {
  expect((await verify(db)).drifts).toEqual([]);
  await db.delete();
});

async function everything() {
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

const register = async (phone: string) => registerMember(db, makeValidMember({ name: `会员${phone.slice(-2)}`, phone }), ctx);
const sell = (memberId: string, fen: number) => commitCheckout(db, { memberId, lines: [makeLine({ unitPriceFen: fen })], paymentMethod: 'cash' }, ctx);
const memberRow = async (id: string) => (await db.members.get(id)) as Member;
const rules = async (patch: Partial<ShopSettings>) => putSettings(db, { ...(await getSettings(db)), ...patch });

describe('runDailyJobs: points expiry', () => {
  it('expires lots first in, first out, each once, and records the run', async () => {
    const m = await register('13900000001');
    const lotA = newId.peek(1);
    await adjustPoints(db, { memberId: m.id, points: 100, reason: '开业' }, ctx); // A: 100, dies T1 + 12 months
    clock.set(T1 + DAY);
    const lotB = newId.peek(2); // the sale takes peek(1)
    await sell(m.id, 5_000); // B: 50
    clock.set(T1 + 2 * DAY);
    await adjustPoints(db, { memberId: m.id, points: 80, reason: '活动' }, ctx); // C: 80
    clock.set(T1 + 10 * DAY);
    await db.gifts.add({ id: 'g', name: '围兜', pointsCost: 120, stock: 9, active: true, createdAt: 0, updatedAt: 0 });
    await redeemGift(db, { memberId: m.id, giftId: 'g' }, ctx); // takes A's 100 and 20 of B
    const other = await register('13900000002');
    await adjustPoints(db, { memberId: other.id, points: 7, reason: '活动' }, ctx); // dies T1 + 10 days + 12 months

    // A is spent: at its date nothing expires
    clock.set(addMonthsToInstant(T1, 12));
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 0, birthdayCoupons: 0 });
    expect((await db.settings.get(LAST_DAILY_RUN_KEY))?.value).toBe(addMonthsToInstant(T1, 12));

    // one ms before B's date nothing; at B's date its last 30
    const bDies = addMonthsToInstant(T1 + DAY, 12);
    clock.set(bDies - 1);
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 0, birthdayCoupons: 0 });
    clock.set(bDies);
    const expireId = newId.peek(1);
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 1, downgraded: 0, birthdayCoupons: 0 });
    expect(await db.pointsLedger.get(expireId)).toEqual({
      id: expireId,
      memberId: m.id,
      at: bDies,
      kind: 'expire',
      points: -30,
      saleId: null,
      expiresAt: null,
      lotId: lotB,
      reason: '',
      createdAt: bDies,
      updatedAt: bDies,
    } satisfies PointsEntry);
    expect(await memberRow(m.id)).toMatchObject({ pointsBalance: 80, updatedAt: bDies });
    expect(await db.pointsLedger.filter((p) => p.lotId === lotA).count()).toBe(0); // A was spent, never expired

    // run again: nothing at all changes
    const snapshot = await everything();
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 0, birthdayCoupons: 0 });
    expect(await everything()).toEqual(snapshot);

    // months later, C and the other member's lot go in one run
    clock.set(addMonthsToInstant(T1 + 10 * DAY, 12));
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 2, downgraded: 0, birthdayCoupons: 0 });
    expect((await memberRow(m.id)).pointsBalance).toBe(0);
    expect((await memberRow(other.id)).pointsBalance).toBe(0);
    const expiries = (await db.pointsLedger.toArray()).filter((p) => p.kind === 'expire');
    expect(expiries.map((e) => [e.memberId, e.points])).toEqual([
      [m.id, -30],
      [m.id, -80],
      [other.id, -7],
    ]);
  });

  it('finds a lot even when the last run is recorded in the future (a wrong clock then)', async () => {
    const m = await register('13900000001');
    await adjustPoints(db, { memberId: m.id, points: 10, reason: 'x' }, ctx);
    await db.settings.put({ key: LAST_DAILY_RUN_KEY, value: localInstant(2030, 1, 1) });
    clock.set(addMonthsToInstant(T1, 12));
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 1, downgraded: 0, birthdayCoupons: 0 });
    expect((await db.settings.get(LAST_DAILY_RUN_KEY))?.value).toBe(addMonthsToInstant(T1, 12));
  });

  it(`works through more than ${DAILY_CHUNK} members in chunks`, async () => {
    const n = DAILY_CHUNK + 50;
    const dies = addMonthsToInstant(T1, 12);
    const members: Member[] = [];
    const lots: PointsEntry[] = [];
    const base = await register('13900000000');
    for (let i = 0; i < n; i++) {
      const id = `bulk-${String(i).padStart(4, '0')}`;
      // every other member sits on 银卡 she no longer qualifies for, reached long ago
      members.push({ ...base, id, phone: `137${String(i).padStart(8, '0')}`, phoneRev: '', pointsBalance: 10, tierId: i % 2 ? silver.id : normal.id });
      lots.push({ id: `lot-${i}`, memberId: id, at: T1, kind: 'adjust', points: 10, saleId: null, expiresAt: dies, lotId: null, reason: 'x', createdAt: T1, updatedAt: T1 });
    }
    await db.members.bulkAdd(members);
    await db.pointsLedger.bulkAdd(lots);
    clock.set(dies);
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: n, downgraded: n / 2, birthdayCoupons: 0 });
    expect(await db.members.filter((m) => m.pointsBalance !== 0).count()).toBe(0);
    expect(await db.members.where('tierId').equals(silver.id).count()).toBe(0);
    expect(await db.tierHistory.filter((h) => h.reason === 'review').count()).toBe(n / 2);
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 0, birthdayCoupons: 0 });
  });

  it('expires only the members with a lot due when few are (one ledger read each), leaving the rest', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await register(`1390000001${i}`)).id);
    // members 1 and 3 get a lot that dies first; everyone has a later one
    for (const [i, id] of ids.entries())
      if (i % 2 === 1) await adjustPoints(db, { memberId: id, points: 30 + i, reason: 'early' }, ctx);
    clock.set(T1 + 40 * DAY);
    for (const id of ids) await adjustPoints(db, { memberId: id, points: 5, reason: 'later' }, ctx);
    clock.set(addMonthsToInstant(T1, 12) + DAY);
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 2, downgraded: 0, birthdayCoupons: 0 });
    expect(await Promise.all(ids.map(async (id) => (await memberRow(id)).pointsBalance))).toEqual([5, 5, 5, 5, 5]);
    const expired = await db.pointsLedger.filter((e) => e.kind === 'expire').toArray();
    expect(expired.map((e) => [e.memberId, e.points]).sort()).toEqual([[ids[1], -31], [ids[3], -33]].sort());
  });
});

describe('points expiry at checkout after the daily run', () => {
  it('still expires a lot that fell due after the last run, and only that member’s', async () => {
    const early = await register('13900000021');
    const late = await register('13900000022');
    await adjustPoints(db, { memberId: early.id, points: 40, reason: 'x' }, ctx); // dies T1 + 12 months
    clock.set(T1 + 20 * DAY);
    await adjustPoints(db, { memberId: late.id, points: 60, reason: 'x' }, ctx); // dies 20 days later
    clock.set(addMonthsToInstant(T1, 12) - DAY);
    expect((await runDailyJobs(db, ctx)).expired).toBe(0);
    // Both lots are now due; the daily job has not run again. A sale to each expires hers first.
    clock.set(addMonthsToInstant(T1 + 20 * DAY, 12) + DAY);
    await sell(late.id, 1_000); // earns 10
    await sell(early.id, 1_000);
    expect((await memberRow(late.id)).pointsBalance).toBe(10);
    expect((await memberRow(early.id)).pointsBalance).toBe(10);
    const expired = await db.pointsLedger.filter((e) => e.kind === 'expire').toArray();
    expect(expired.map((e) => [e.memberId, e.points]).sort()).toEqual([[early.id, -40], [late.id, -60]].sort());
  });

  it('does not expire anything at checkout for a member with no lot due since the run', async () => {
    const m = await register('13900000031');
    await adjustPoints(db, { memberId: m.id, points: 25, reason: 'x' }, ctx);
    clock.set(T1 + 30 * DAY);
    await runDailyJobs(db, ctx);
    clock.set(T1 + 31 * DAY);
    await sell(m.id, 2_000); // earns 20
    expect((await memberRow(m.id)).pointsBalance).toBe(45);
    expect(await db.pointsLedger.filter((e) => e.kind === 'expire').count()).toBe(0);
  });
});

describe('runDailyJobs: tier review with grace', () => {
  it('lowers a tier only once the grace period from reaching it is over', async () => {
    await rules({ tierBasis: 'rollingSpend', tierGraceMonths: 18, pointsExpiryMonths: 0 });
    const m = await register('13900000001');
    const keeps = await register('13900000002');
    const low = await register('13900000003');
    await sell(m.id, 100_000); // ¥1,000 in 12 months → 银卡, reached at T1
    expect((await memberRow(m.id)).tierId).toBe(silver.id);
    await sell(low.id, 5_000);

    // a year and a month on, her ¥1,000 has left the window: she qualifies for 普通 but keeps 银卡
    clock.set(addMonthsToInstant(T1, 13));
    await sell(keeps.id, 100_000); // 银卡 reached now, and qualifying
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 0, birthdayCoupons: 0 });
    const graceEnds = addMonthsToInstant(T1, 18);
    clock.set(graceEnds - 1);
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 0, birthdayCoupons: 0 });
    expect((await memberRow(m.id)).tierId).toBe(silver.id);

    clock.set(graceEnds);
    const historyId = newId.peek(1);
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 1, birthdayCoupons: 0 });
    expect(await memberRow(m.id)).toMatchObject({ tierId: normal.id, updatedAt: graceEnds });
    expect(await db.tierHistory.get(historyId)).toEqual({
      id: historyId,
      memberId: m.id,
      at: graceEnds,
      fromTierId: silver.id,
      toTierId: normal.id,
      reason: 'review',
      createdAt: graceEnds,
      updatedAt: graceEnds,
    });
    expect((await memberRow(keeps.id)).tierId).toBe(silver.id);

    const snapshot = await everything();
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 0, birthdayCoupons: 0 });
    expect(await everything()).toEqual(snapshot);
  });

  it('counts the grace from her last tier change, and lowers a raised threshold only after it', async () => {
    await rules({ pointsExpiryMonths: 0 });
    const m = await register('13900000001');
    await sell(m.id, 500_000); // ¥5,000 lifetime → 金卡 at T1
    clock.set(T1 + DAY);
    const withIds = (list: TierInput[]) => list.map((t, i) => ({ ...t, id: tiers[i]!.id }));
    const raised = withIds([TIER_INPUTS[0]!, TIER_INPUTS[1]!, { ...TIER_INPUTS[2]!, thresholdFen: 600_000 }, TIER_INPUTS[3]!]);
    expect(await saveTiers(db, raised, ctx)).toEqual({ upgraded: 0 });
    clock.set(addMonthsToInstant(T1, 12) - 1);
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 0, birthdayCoupons: 0 });
    clock.set(addMonthsToInstant(T1, 12));
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 1, birthdayCoupons: 0 });
    expect((await memberRow(m.id)).tierId).toBe(silver.id); // ¥5,000 qualifies for 银卡 now
  });

  it('moves no one with a zero grace period until she stops qualifying, and never raises anyone', async () => {
    await rules({ tierBasis: 'visits', tierGraceMonths: 0, pointsExpiryMonths: 0 });
    await saveTiers(db, tiers.map((t, i) => ({ ...t, visitThreshold: [0, 3, 6, 12][i] })), ctx);
    const m = await register('13900000001');
    for (let i = 0; i < 3; i++) {
      clock.set(T1 + i * DAY);
      await sell(m.id, 1_000);
    }
    expect((await memberRow(m.id)).tierId).toBe(silver.id);
    await db.members.update(m.id, { tierId: normal.id }); // pretend she is lower than she qualifies for
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 0, birthdayCoupons: 0 });
    expect((await memberRow(m.id)).tierId).toBe(normal.id);
    await db.members.update(m.id, { tierId: silver.id });
    clock.set(addMonthsToInstant(T1, 12) + 1); // her first visit has left the window: 2 visits
    expect(await runDailyJobs(db, ctx)).toMatchObject({ expired: 0, downgraded: 1, birthdayCoupons: 0 });
    expect((await memberRow(m.id)).tierId).toBe(normal.id);
  });
});

describe('changing the tier rule (saveSettings with a context)', () => {
  it('upgrades whoever qualifies under the new rule, lowers no one', async () => {
    await rules({ tierBasis: 'visits' });
    await saveTiers(db, tiers.map((t, i) => ({ ...t, visitThreshold: [0, 3, 6, 12][i] })), ctx);
    const rich = await register('13900000001'); // one visit of ¥6,000
    const regular = await register('13900000002'); // three visits of ¥10
    await sell(rich.id, 600_000);
    for (let i = 0; i < 3; i++) await sell(regular.id, 1_000);
    expect([(await memberRow(rich.id)).tierId, (await memberRow(regular.id)).tierId]).toEqual([normal.id, silver.id]);

    // the rule as it stood (written directly): no one moves
    await putSettings(db, { ...(await getSettings(db)), tierBasis: 'rollingSpend' });
    expect((await memberRow(rich.id)).tierId).toBe(normal.id);

    clock.set(T1 + DAY);
    const historyId = newId.peek(1);
    await saveSettings(db, { ...(await getSettings(db)), tierBasis: 'lifetimeSpend' }, ctx);
    expect((await getSettings(db)).tierBasis).toBe('lifetimeSpend');
    expect(await memberRow(rich.id)).toMatchObject({ tierId: gold.id, updatedAt: T1 + DAY });
    expect((await memberRow(regular.id)).tierId).toBe(silver.id); // ¥30 qualifies for 普通: kept, not lowered
    expect(await db.tierHistory.get(historyId)).toMatchObject({ memberId: rich.id, fromTierId: normal.id, toTierId: gold.id, reason: 'rules', at: T1 + DAY });
    // the same rule saved again moves no one
    const count = await db.tierHistory.count();
    await saveSettings(db, { ...(await getSettings(db)), storeName: '新店名' }, ctx);
    expect(await db.tierHistory.count()).toBe(count);
  });
});

describe('previewTierRules', () => {
  it('counts who would move up and down, and to which tiers, without writing', async () => {
    // lifetime spend: A ¥3,000 (银卡), B ¥500 (普通), C ¥6,000 (金卡), D ¥0 (普通), E ¥12,000 (金卡)
    const [a, b, c, d, e] = await Promise.all(['01', '02', '03', '04', '05'].map((x) => register(`139000000${x}`)));
    clock.set(T1 + DAY);
    for (const [who, fen] of [[a!, 300_000], [b!, 50_000], [c!, 600_000], [e!, 1_200_000]] as const) await sell(who.id, fen);
    expect((await memberRow(c!.id)).tierId).toBe(gold.id);
    const before = await everything();
    const list = (silverAt: number, goldAt: number) => [
      { ...TIER_INPUTS[0]!, id: tiers[0]!.id },
      { ...TIER_INPUTS[1]!, id: tiers[1]!.id, thresholdFen: silverAt },
      { ...TIER_INPUTS[2]!, id: tiers[2]!.id, thresholdFen: goldAt },
      { ...TIER_INPUTS[3]!, id: tiers[3]!.id, thresholdFen: 1_000_000 }, // 白金卡 down from ¥20,000 to ¥10,000
    ];

    const lowered = await previewTierRules(db, list(40_000, 250_000), 'lifetimeSpend', T1 + DAY);
    expect(lowered).toEqual({
      membersChecked: 5,
      up: 3,
      down: 0,
      moves: [
        { fromTierId: normal.id, toIndex: 1, toTierId: silver.id, direction: 'up', immediate: true, members: 1 }, // B
        { fromTierId: silver.id, toIndex: 2, toTierId: gold.id, direction: 'up', immediate: true, members: 1 }, // A
        { fromTierId: gold.id, toIndex: 3, toTierId: tiers[3]!.id, direction: 'up', immediate: true, members: 1 }, // E
      ].sort((x, y) => x.fromTierId.localeCompare(y.fromTierId)),
    });
    const raised = await previewTierRules(db, list(400_000, 700_000).slice(0, 3), 'lifetimeSpend', T1 + DAY);
    // 银卡 ¥4,000, 金卡 ¥7,000, no 白金卡 (no one has it): A and C no longer qualify; E (¥12,000) still does
    expect(raised).toMatchObject({ membersChecked: 5, up: 0, down: 2 });
    expect(raised.moves).toEqual([
      { fromTierId: silver.id, toIndex: 0, toTierId: normal.id, direction: 'down', immediate: false, members: 1 }, // A, after her grace
      { fromTierId: gold.id, toIndex: 1, toTierId: silver.id, direction: 'down', immediate: false, members: 1 }, // C
    ]);
    // a new tier (no id yet) is named by its place in the list
    const added = await previewTierRules(db, [...list(100_000, 500_000), { name: '钻石卡', thresholdFen: 1_100_000 }], 'lifetimeSpend', T1 + DAY);
    expect(added.moves).toEqual([{ fromTierId: gold.id, toIndex: 4, toTierId: null, direction: 'up', immediate: true, members: 1 }]);
    // visits: everyone who bought has 1 visit, no tier asks for 1 or fewer
    expect(await previewTierRules(db, list(40_000, 250_000).map((t, i) => ({ ...t, visitThreshold: i * 2 })), 'visits', T1 + DAY)).toMatchObject({ up: 0, down: 3 });
    expect(await everything()).toEqual(before);

    // saving the lowered list does what the preview said would happen at once
    expect(await saveTiers(db, list(40_000, 250_000), ctx)).toEqual({ upgraded: lowered.up });
    expect((await memberRow(b!.id)).tierId).toBe(silver.id);
    expect((await memberRow(d!.id)).tierId).toBe(normal.id);
    expect((await memberRow(e!.id)).tierId).toBe(tiers[3]!.id);
  });

  it('counts the members of a removed tier as moving on saving', async () => {
    const [a, c] = await Promise.all(['01', '03'].map((x) => register(`139000000${x}`)));
    await sell(a!.id, 300_000); // 银卡
    await sell(c!.id, 600_000); // 金卡
    const without = [
      { ...TIER_INPUTS[0]!, id: tiers[0]!.id },
      { ...TIER_INPUTS[1]!, id: tiers[1]!.id },
      { ...TIER_INPUTS[3]!, id: tiers[3]!.id },
    ];
    const preview = await previewTierRules(db, without, 'lifetimeSpend', T1);
    expect(preview).toEqual({
      membersChecked: 2,
      up: 0,
      down: 1,
      moves: [{ fromTierId: gold.id, toIndex: 1, toTierId: silver.id, direction: 'down', immediate: true, members: 1 }],
    });
    expect(await saveTiers(db, without, ctx)).toEqual({ upgraded: 1 });
    expect((await memberRow(c!.id)).tierId).toBe(silver.id);
  });

  it('is empty for an empty list', async () => {
    expect(await previewTierRules(db, [], 'lifetimeSpend', T1)).toEqual({ membersChecked: 0, up: 0, down: 0, moves: [] });
  });
});
