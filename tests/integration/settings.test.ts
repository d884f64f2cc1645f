import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShopDB } from '../../src/lib/db/shop-db';
import type { CommandContext } from '../../src/lib/db/context';
import { archiveProduct, ensureDefaults, saveProduct, saveSettings, saveTiers } from '../../src/lib/db/commands/settings';
import { registerMember } from '../../src/lib/db/commands/members';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { getSettings, getTiers, SETTINGS_KEY } from '../../src/lib/db/queries/settings';
import { listProducts, productBySku } from '../../src/lib/db/queries/products';
import { verify } from '../../src/lib/db/queries/verify';
import { DomainError } from '../../src/lib/domain/errors';
import { DEFAULT_SETTINGS } from '../../src/lib/domain/settings';
import { tierDefaults, type Tier, type TierInput } from '../../src/lib/domain/tier';
import {
  localInstant,
  makeLine,
  makeProductInput,
  makeValidMember,
  TIER_INPUTS,
  type CounterId,
  type TestClock,
} from '../fixtures/factories';
import { openTestShop, rejection, T0 } from '../fixtures/test-shop';

let db: ShopDB;
let clock: TestClock;
let newId: CounterId;
let ctx: CommandContext;
let tiers: Tier[];

beforeEach(async () => {
  ({ db, clock, newId, ctx, tiers } = await openTestShop({ actorId: 'owner' }));
});

afterEach(async () => {
  await db.delete();
});

describe('ensureDefaults', () => {
  it('writes the tiers and the settings once', async () => {
    expect(tiers).toEqual(
      TIER_INPUTS.map((t, i) => ({ ...tierDefaults, ...t, id: `id-000${i + 1}`, createdAt: T0, updatedAt: T0 })),
    );
    expect(await db.settings.toArray()).toEqual([
      { key: SETTINGS_KEY, value: { ...DEFAULT_SETTINGS, storeName: '测试母婴店', pointsEarnRateBp: 10000, pointsExpiryMonths: 12 } },
    ]);

    clock.set(localInstant(2026, 4, 1));
    await ensureDefaults(db, { storeName: '别的名字', tiers: [TIER_INPUTS[0]!] }, ctx);
    expect(await getTiers(db)).toEqual(tiers);
    expect((await getSettings(db)).storeName).toBe('测试母婴店');
    expect(newId.count).toBe(4);
  });
});

describe('saveSettings', () => {
  it('saves valid settings with a trimmed name and refuses bad ones', async () => {
    await saveSettings(db, { ...DEFAULT_SETTINGS, storeName: '  小鹿母婴  ', pointsEarnRateBp: 20000, pointsExpiryMonths: 0 }, ctx);
    expect(await getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, storeName: '小鹿母婴', pointsEarnRateBp: 20000, pointsExpiryMonths: 0 });
    const e = await rejection(saveSettings(db, { ...DEFAULT_SETTINGS, storeName: '店', pointsEarnRateBp: 10000, pointsExpiryMonths: 121 }, ctx));
    expect((e as DomainError).detail).toEqual({ code: 'invalid', field: 'pointsExpiryMonths' });
    expect((await getSettings(db)).pointsExpiryMonths).toBe(0);
  });
});

describe('saveTiers', () => {
  // Members brought to their tiers by real sales, so verify() is clean before the rule change.
  let a: string, b: string, d: string;
  const [normalIn, silverIn, goldIn, platinumIn] = TIER_INPUTS as [TierInput, TierInput, TierInput, TierInput];

  beforeEach(async () => {
    a = (await registerMember(db, makeValidMember({ name: 'A', phone: '13900000001' }), ctx)).id;
    b = (await registerMember(db, makeValidMember({ name: 'B', phone: '13900000002' }), ctx)).id;
    d = (await registerMember(db, makeValidMember({ name: 'D', phone: '13900000004' }), ctx)).id;
    clock.set(localInstant(2026, 3, 2));
    const sell = (id: string, fen: number) =>
      commitCheckout(db, { memberId: id, lines: [makeLine({ unitPriceFen: fen })], paymentMethod: 'cash' }, ctx);
    await sell(a, 300_000); // → 银卡 (100_000)
    await sell(b, 50_000); // stays 普通
    await sell(d, 600_000); // → 金卡 (500_000), past 银卡
    clock.set(localInstant(2026, 3, 10));
  });

  const tierOf = async (id: string) => (await db.members.get(id))?.tierId;
  const withIds = (list: TierInput[]) => list.map((t, i) => ({ ...t, id: tiers[i]!.id }));
  const rulesRows = async () => (await db.tierHistory.toArray()).filter((h) => h.reason === 'rules');

  it('starts from the expected tiers', async () => {
    expect([await tierOf(a), await tierOf(b), await tierOf(d)]).toEqual([tiers[1]!.id, tiers[0]!.id, tiers[2]!.id]);
    expect((await verify(db)).drifts).toEqual([]);
  });

  it('upgrades the members a lowered threshold now reaches and writes "rules" history rows', async () => {
    const T = localInstant(2026, 3, 10);
    const historyBefore = await db.tierHistory.count();
    const result = await saveTiers(
      db,
      withIds([normalIn, { ...silverIn, thresholdFen: 40_000 }, { ...goldIn, thresholdFen: 250_000 }, platinumIn]),
      ctx,
    );
    expect(result).toEqual({ upgraded: 2 });
    // A (300_000): 银卡 → 金卡; B (50_000): 普通 → 银卡; D (600_000) stays 金卡
    expect(await tierOf(a)).toBe(tiers[2]!.id);
    expect(await tierOf(b)).toBe(tiers[1]!.id);
    expect(await tierOf(d)).toBe(tiers[2]!.id);
    expect((await db.members.get(a))?.updatedAt).toBe(T);
    expect((await db.members.get(d))?.updatedAt).toBe(localInstant(2026, 3, 2));

    const rows = (await rulesRows()).sort((x, y) => x.memberId.localeCompare(y.memberId));
    expect(rows.map(({ id: _id, ...rest }) => rest)).toEqual(
      [
        { memberId: a, fromTierId: tiers[1]!.id, toTierId: tiers[2]!.id },
        { memberId: b, fromTierId: tiers[0]!.id, toTierId: tiers[1]!.id },
      ]
        .sort((x, y) => x.memberId.localeCompare(y.memberId))
        .map((h) => ({ ...h, at: T, reason: 'rules', createdAt: T, updatedAt: T })),
    );
    expect(await db.tierHistory.count()).toBe(historyBefore + 2);

    // Same ids kept, new thresholds stored, createdAt kept, updatedAt moved.
    const after = await getTiers(db);
    expect(after.map((t) => [t.id, t.thresholdFen, t.createdAt, t.updatedAt])).toEqual([
      [tiers[0]!.id, 0, T0, T],
      [tiers[1]!.id, 40_000, T0, T],
      [tiers[2]!.id, 250_000, T0, T],
      [tiers[3]!.id, 2_000_000, T0, T],
    ]);
    expect((await verify(db)).drifts).toEqual([]);
  });

  it('never downgrades when thresholds are raised', async () => {
    const historyBefore = await db.tierHistory.toArray();
    const result = await saveTiers(
      db,
      withIds([normalIn, { ...silverIn, thresholdFen: 400_000 }, { ...goldIn, thresholdFen: 900_000 }, platinumIn]),
      ctx,
    );
    expect(result).toEqual({ upgraded: 0 });
    expect([await tierOf(a), await tierOf(b), await tierOf(d)]).toEqual([tiers[1]!.id, tiers[0]!.id, tiers[2]!.id]);
    expect(await db.tierHistory.toArray()).toEqual(historyBefore);
    // A tier above what the spend now qualifies for is not a drift.
    expect((await verify(db)).drifts).toEqual([]);
  });

  it('moves the members of a removed tier to the tier their spend qualifies for', async () => {
    const result = await saveTiers(db, [{ ...normalIn, id: tiers[0]!.id }, { ...silverIn, id: tiers[1]!.id }, { ...platinumIn, id: tiers[3]!.id }], ctx);
    expect(result).toEqual({ upgraded: 1 });
    expect(await tierOf(d)).toBe(tiers[1]!.id); // 600_000 qualifies for 银卡
    expect(await tierOf(a)).toBe(tiers[1]!.id);
    expect(await db.tiers.get(tiers[2]!.id)).toBeUndefined();
    expect(await db.tiers.count()).toBe(3);
    expect((await rulesRows()).map((h) => [h.memberId, h.fromTierId, h.toTierId])).toEqual([[d, tiers[2]!.id, tiers[1]!.id]]);
  });

  it('gives a new tier a fresh id', async () => {
    const freshId = newId.peek(1);
    await saveTiers(db, [...withIds([...TIER_INPUTS]), { ...platinumIn, name: ' 钻石卡 ', thresholdFen: 5_000_000 }], ctx);
    expect(await db.tiers.get(freshId)).toMatchObject({ name: '钻石卡', thresholdFen: 5_000_000 });
  });

  it('refuses an invalid list and changes nothing', async () => {
    const before = await getTiers(db);
    const e1 = await rejection(saveTiers(db, withIds([{ ...normalIn, thresholdFen: 1 }, silverIn]), ctx));
    expect((e1 as DomainError).detail).toEqual({ code: 'invalid', field: 'noZeroTier' });
    const e2 = await rejection(saveTiers(db, withIds([normalIn, { ...silverIn, discountBp: 500 }]), ctx));
    expect((e2 as DomainError).detail).toEqual({ code: 'invalid', field: 'tiers[1]' });
    const e3 = await rejection(saveTiers(db, [], ctx));
    expect((e3 as DomainError).detail).toEqual({ code: 'invalid', field: 'empty' });
    expect(await getTiers(db)).toEqual(before);
  });
});

describe('products', () => {
  it('saves a product with a trimmed SKU and refuses a duplicate SKU', async () => {
    const id = newId.peek(1);
    const p = await saveProduct(db, makeProductInput({ sku: ' 6901234567890 ', name: ' 奶粉 ' }), ctx);
    expect(p).toEqual({
      id,
      sku: '6901234567890',
      name: '奶粉',
      brand: '飞鹤',
      category: '奶粉',
      priceFen: 29800,
      formulaStage: 1,
      daysPerUnit: 15,
      active: true,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await db.products.get(id)).toEqual(p);

    const e = await rejection(saveProduct(db, makeProductInput({ sku: '6901234567890', name: '另一个' }), ctx));
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).detail).toEqual({ code: 'duplicateSku', productId: id });
    const e2 = await rejection(saveProduct(db, makeProductInput({ sku: '  6901234567890' }), ctx));
    expect((e2 as DomainError).detail).toEqual({ code: 'duplicateSku', productId: id });
    expect(await db.products.count()).toBe(1);
    // a leading zero makes a different SKU
    await saveProduct(db, makeProductInput({ sku: '06901234567890' }), ctx);
    expect(await db.products.count()).toBe(2);
  });

  it('edits a product by id, keeping its SKU, and refuses taking another product’s SKU', async () => {
    const p1 = await saveProduct(db, makeProductInput({ sku: 'A-1' }), ctx);
    const p2 = await saveProduct(db, makeProductInput({ sku: 'B-2' }), ctx);
    clock.set(localInstant(2026, 3, 9));
    const edited = await saveProduct(db, { ...makeProductInput({ sku: 'A-1', priceFen: 31800 }), id: p1.id }, ctx);
    expect(edited).toEqual({ ...p1, priceFen: 31800, updatedAt: localInstant(2026, 3, 9) });
    const e = await rejection(saveProduct(db, { ...makeProductInput({ sku: 'A-1' }), id: p2.id }, ctx));
    expect((e as DomainError).detail).toEqual({ code: 'duplicateSku', productId: p1.id });
    expect((await db.products.get(p2.id))?.sku).toBe('B-2');
  });

  it('hides archived products from the list and the SKU lookup', async () => {
    const p1 = await saveProduct(db, makeProductInput({ sku: 'A-1', name: '纸尿裤' }), ctx);
    await saveProduct(db, makeProductInput({ sku: 'B-2', name: '奶瓶' }), ctx);
    // ordered by name: 奶瓶 (U+5976) before 纸尿裤 (U+7EB8)
    expect((await listProducts(db)).map((p) => p.sku)).toEqual(['B-2', 'A-1']);
    expect((await productBySku(db, ' A-1 '))?.id).toBe(p1.id);
    clock.set(localInstant(2026, 3, 9));
    await archiveProduct(db, p1.id, ctx);
    expect((await listProducts(db)).map((p) => p.sku)).toEqual(['B-2']);
    expect(await productBySku(db, 'A-1')).toBeUndefined();
    expect(await db.products.get(p1.id)).toMatchObject({ active: false, updatedAt: localInstant(2026, 3, 9) });
  });
});
