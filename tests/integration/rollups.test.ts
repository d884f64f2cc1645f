import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { replaceShop } from '../../src/lib/db/commands/demo';
import { registerMember } from '../../src/lib/db/commands/members';
import { addSaleToRollups, checkRollups, rebuildRollups, rollupsBetween } from '../../src/lib/db/rollups';
import { commitReturn } from '../../src/lib/db/commands/returns';
import { returnedQuantities } from '../../src/lib/domain/refund';
import type { ShopDB } from '../../src/lib/db/shop-db';
import { generateShop } from '../../src/lib/demo/generate';
import { Rng } from '../../src/lib/demo/prng';
import type { Member } from '../../src/lib/domain/member';
import { rollupsOfSales, type DailyRollup } from '../../src/lib/domain/rollup';
import { PAYMENT_METHODS, type Sale } from '../../src/lib/domain/sale';
import { localInstant, makeLine, makeValidMember } from '../fixtures/factories';
import { openTestShop, type TestShop, ownerContext } from '../fixtures/test-shop';

let shop: TestShop;
let db: ShopDB;

beforeEach(async () => {
  shop = await openTestShop();
  db = shop.db;
});

afterEach(async () => {
  db.close();
  await db.delete();
});

const CATEGORIES = ['奶粉', '纸尿裤', '辅食', '洗护', ''];
const BRANDS = ['飞鹤', '帮宝适', '嘉宝', ''];

/** A sale through the real checkout command, which keeps the day's rollup in the same transaction. */
async function ringUp(rng: Rng, members: Member[]): Promise<Sale> {
  const member = rng.chance(0.25) ? null : rng.pick(members);
  const lines = Array.from({ length: 1 + rng.int(3) }, () =>
    makeLine({
      category: rng.pick(CATEGORIES),
      brand: rng.pick(BRANDS),
      unitPriceFen: rng.between(100, 50_000),
      qty: 1 + rng.int(3),
    }),
  );
  const rows = await commitCheckout(
    db,
    { memberId: member?.id ?? null, lines, paymentMethod: rng.pick(PAYMENT_METHODS) },
    shop.ctx,
  );
  return rows.sale;
}

/** A return of some of a sale's remaining items through the real return command. */
async function refund(rng: Rng, original: Sale): Promise<void> {
  const done = returnedQuantities(original, await db.sales.where('refundOf').equals(original.id).toArray());
  const lines = original.lines
    .map((l, line) => ({ line, qty: rng.chance(0.6) ? l.qty - (done[line] ?? 0) : 0 }))
    .filter((l) => l.qty > 0);
  if (lines.length === 0) return;
  await commitReturn(db, { saleId: original.id, lines }, shop.ctx);
}

describe('daily rollups kept by the commands', () => {
  it('equal a recompute from the sales after random sales and returns over several days', async () => {
    const rng = new Rng(606);
    const members: Member[] = [];
    for (let i = 0; i < 6; i++)
      members.push(await registerMember(db, makeValidMember({ name: `会员${i}`, phone: `1390000000${i}` }), shop.ctx));
    const sold: Sale[] = [];
    for (let day = 1; day <= 12; day++) {
      for (let k = 0, n = rng.int(6); k < n; k++) {
        shop.clock.set(localInstant(2026, 3, day, 9 + rng.int(12), rng.int(60)));
        sold.push(await ringUp(rng, members));
        if (sold.length > 3 && rng.chance(0.2)) await refund(rng, rng.pick(sold));
      }
    }
    // Late-evening and just-after-midnight sales land on their own local days.
    shop.clock.set(localInstant(2026, 3, 12, 23, 59));
    sold.push(await ringUp(rng, members));
    shop.clock.set(localInstant(2026, 3, 13, 0, 1));
    sold.push(await ringUp(rng, members));

    const stored = (await db.dailyRollups.toArray()) as DailyRollup[];
    const sales = await db.sales.toArray();
    expect(sales.some((s) => s.refundOf !== null)).toBe(true);
    expect(stored).toEqual(rollupsOfSales(sales));
    expect(await checkRollups(db)).toEqual({ daysChecked: stored.length, drifts: [] });
    expect((await rollupsBetween(db, '2026-03-13', '2026-03-13'))[0]?.tickets).toBe(1);
    expect(stored.reduce((s, r) => s + r.salesFen, 0)).toBe(sales.reduce((s, x) => s + x.totalFen, 0));

    // A rebuild gives the same rows.
    await rebuildRollups(db);
    expect(await db.dailyRollups.toArray()).toEqual(stored);
  });

  it('roll back with the sale when the transaction fails', async () => {
    shop.clock.set(localInstant(2026, 3, 2, 10));
    const rows = await commitCheckout(db, { memberId: null, lines: [makeLine()], paymentMethod: 'cash' }, shop.ctx);
    const sale: Sale = { ...rows.sale, id: 'later', at: localInstant(2026, 3, 3, 10) };
    await expect(
      db.transaction('rw', [db.sales, db.dailyRollups], async () => {
        await db.sales.add(sale);
        await addSaleToRollups(db, sale);
        throw new Error('quota');
      }),
    ).rejects.toThrow('quota');
    expect(await db.dailyRollups.get('2026-03-03')).toBeUndefined();
    // The committed sale's day is in the rollups; the failed one left nothing.
    expect((await checkRollups(db)).drifts).toEqual([]);
    expect(await rebuildRollups(db)).toEqual({ days: 1 });
    expect((await checkRollups(db)).drifts).toEqual([]);
  });

  it('report a tampered day', async () => {
    shop.clock.set(localInstant(2026, 3, 2, 10));
    const sale = await ringUp(new Rng(1), [await registerMember(db, makeValidMember(), shop.ctx)]);
    await db.dailyRollups.update('2026-03-02', { tickets: 7 });
    expect((await checkRollups(db)).drifts).toEqual([{ date: '2026-03-02', field: 'tickets' }]);
    expect(sale.refundOf).toBeNull();
  });
});

describe('replaceShop', () => {
  it('leaves rollups that match its sales', async () => {
    const spec = {
      seed: 5,
      members: 30,
      sales: 400,
      months: 3,
      endAt: new Date(2026, 2, 1, 20, 0).getTime(),
      storeName: '贝贝母婴',
      tiers: [{ name: '普通', thresholdFen: 0, discountBp: 9500, pointsMultiplierBp: 10000, perks: '' }],
    };
    await replaceShop(db, generateShop(spec, 100), ownerContext());
    const rollups = (await db.dailyRollups.toArray()) as DailyRollup[];
    expect(rollups.length).toBeGreaterThan(60);
    expect(rollups.reduce((s, r) => s + r.tickets, 0)).toBe(400);
    expect(await checkRollups(db)).toEqual({ daysChecked: rollups.length, drifts: [] });
  });
});
