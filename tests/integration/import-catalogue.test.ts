import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { commitProductImport, commitSaleImport } from '../../src/lib/db/commands/import';
import { registerMember } from '../../src/lib/db/commands/members';
import { saveProduct } from '../../src/lib/db/commands/settings';
import { productsBySku, salesOnFile } from '../../src/lib/db/queries/import';
import { verify } from '../../src/lib/db/queries/verify';
import { checkRollups, rollupsBetween } from '../../src/lib/db/rollups';
import { DomainError } from '../../src/lib/domain/errors';
import type { Mapping } from '../../src/lib/io/csv/import-mapping';
import { planProductImport, readProductRow } from '../../src/lib/io/csv/import-products';
import { planSaleImport, readSaleRow } from '../../src/lib/io/csv/import-sales';
import { makeValidMember } from '../fixtures/factories';
import { openTestShop, rejection, tableCounts, type TestShop } from '../fixtures/test-shop';

const PRODUCTS: Mapping = ['sku', 'productName', 'brand', 'category', 'price', 'formulaStage'];
const PRODUCT_FILE = [
  ['6901', '飞鹤星飞帆 1段', '飞鹤', '奶粉', '298', '1'],
  ['6902', '湿巾 80抽', '', '日用', '12.90', ''],
];
const SALES: Mapping = ['externalId', 'saleAt', 'memberPhone', 'lineSku', 'qty', 'lineAmount'];
const SALE_FILE = [
  ['S-1', '2026-01-10 10:00', '13800138000', '6901', '2', '596'],
  ['S-1', '2026-01-10 10:00', '13800138000', '6902', '1', '12.90'],
  ['S-2', '2026-02-20 16:30', '13800138000', '6901', '1', '298'],
  ['S-3', '2026-02-20 17:00', '', '6902', '3', '38.70'],
];

let shop: TestShop | null = null;
afterEach(async () => {
  shop?.db.close();
  await shop?.db.delete();
  shop = null;
});

async function productPlan(s: TestShop, rows: string[][]) {
  return planProductImport(
    rows.map((cells, i) => readProductRow(cells, PRODUCTS, i + 1)),
    await productsBySku(s.db),
  );
}

async function salePlan(s: TestShop, rows: string[][]) {
  const read = rows.map((cells, i) => readSaleRow(cells, SALES, i + 1, '2026-03-01'));
  return planSaleImport(read, await salesOnFile(s.db), s.clock.now());
}

const newSales = (plan: Awaited<ReturnType<typeof salePlan>>) =>
  plan.rows.filter((r) => r.action === 'new').map((r) => r.sale);

describe('importing products', () => {
  it('adds new SKUs and updates the mapped fields of one on file; the same file again changes nothing', async () => {
    shop = await openTestShop();
    const onFile = await saveProduct(
      shop.db,
      {
        sku: '6901',
        name: '旧名',
        brand: '飞鹤',
        category: '',
        priceFen: 100,
        formulaStage: null,
        daysPerUnit: 15,
      },
      shop.ctx,
    );
    const plan = await productPlan(shop, PRODUCT_FILE);
    expect(plan.counts).toEqual({ new: 1, updated: 1, unchanged: 0, invalid: 0, total: 2 });
    expect(await commitProductImport(shop.db, plan.rows, shop.ctx)).toEqual({ created: 1, updated: 1 });
    const products = await productsBySku(shop.db);
    expect(products.get('6901')).toMatchObject({
      id: onFile.id,
      name: '飞鹤星飞帆 1段',
      category: '奶粉',
      priceFen: 29_800,
      formulaStage: 1,
      daysPerUnit: 15,
      createdAt: onFile.createdAt,
    });
    expect(products.get('6902')).toMatchObject({
      name: '湿巾 80抽',
      priceFen: 1290,
      formulaStage: null,
      active: true,
    });

    const again = await productPlan(shop, PRODUCT_FILE);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 2, invalid: 0, total: 2 });
  });

  it('fails whole when a new SKU was added since the dry run, and only the owner imports', async () => {
    shop = await openTestShop();
    const plan = await productPlan(shop, PRODUCT_FILE);
    await saveProduct(
      shop.db,
      {
        sku: '6902',
        name: '刚加的',
        brand: '',
        category: '',
        priceFen: 1,
        formulaStage: null,
        daysPerUnit: null,
      },
      shop.ctx,
    );
    const before = await tableCounts(shop.db);
    const err = await rejection(commitProductImport(shop.db, plan.rows, shop.ctx));
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).detail.code).toBe('duplicateSku');
    expect(await tableCounts(shop.db)).toEqual(before);
    const staff = { ...shop.ctx, role: 'assistant' as const };
    expect(
      ((await rejection(commitProductImport(shop.db, plan.rows, staff))) as DomainError).detail.code,
    ).toBe('forbidden');
  });
});

describe('importing past sales', () => {
  async function shopWithCatalogue() {
    const s = await openTestShop();
    await commitProductImport(s.db, (await productPlan(s, PRODUCT_FILE)).rows, s.ctx);
    const wang = await registerMember(s.db, makeValidMember({ name: '王芳', phone: '13800138000' }), s.ctx);
    return { s, wang };
  }

  it('adds the sales, sums them into the daily rollups and recounts her spend, visits and tier', async () => {
    const { s, wang } = await shopWithCatalogue();
    shop = s;
    const plan = await salePlan(s, SALE_FILE);
    expect(plan.counts).toEqual({ new: 3, updated: 0, unchanged: 0, invalid: 0, total: 3 });
    expect(await commitSaleImport(s.db, newSales(plan), s.ctx)).toEqual({ created: 3, updated: 0 });

    const member = await s.db.members.get(wang.id);
    // 596 + 12.90 + 298 = ¥906.90: below the silver threshold of ¥1,000, so her tier stays.
    expect(member).toMatchObject({
      lifetimeSpendFen: 90_690,
      visitCount: 2,
      lastPurchaseAt: new Date(2026, 1, 20, 16, 30).getTime(),
      pointsBalance: wang.pointsBalance,
      tierId: wang.tierId,
    });
    const [jan10] = await rollupsBetween(s.db, '2026-01-10', '2026-01-10');
    expect(jan10).toMatchObject({ salesFen: 60_890, tickets: 1, memberTickets: 1 });
    const [feb20] = await rollupsBetween(s.db, '2026-02-20', '2026-02-20');
    expect(feb20).toMatchObject({ salesFen: 33_670, tickets: 2, memberSalesFen: 29_800, memberTickets: 1 });
    expect(feb20?.categories).toEqual([
      { name: '奶粉', salesFen: 29_800, tickets: 1 },
      { name: '日用', salesFen: 3870, tickets: 1 },
    ]);
    expect((await verify(s.db)).drifts).toEqual([]);
    expect((await checkRollups(s.db)).drifts).toEqual([]);

    // The same file again: every sale is found by its order number and nothing is written.
    const again = await salePlan(s, SALE_FILE);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 3, invalid: 0, total: 3 });
  });

  it('upgrades her tier when the imported spend reaches it', async () => {
    const { s, wang } = await shopWithCatalogue();
    shop = s;
    const big = [['S-9', '2026-02-01', '13800138000', '6901', '4', '1192']];
    await commitSaleImport(s.db, newSales(await salePlan(s, big)), s.ctx);
    const member = await s.db.members.get(wang.id);
    expect(member?.tierId).toBe(s.tiers[1]?.id);
    const changes = (await s.db.tierHistory.toArray()).filter((h) => h.memberId === wang.id);
    expect(changes.map((h) => h.reason)).toEqual(['registration', 'review']);
  });

  it('fails whole when one of the sales was imported meanwhile', async () => {
    const { s } = await shopWithCatalogue();
    shop = s;
    const plan = await salePlan(s, SALE_FILE);
    await commitSaleImport(s.db, newSales(await salePlan(s, SALE_FILE.slice(2, 3))), s.ctx);
    const before = await tableCounts(s.db);
    const err = (await rejection(commitSaleImport(s.db, newSales(plan), s.ctx))) as Error;
    expect(['BulkError', 'ConstraintError']).toContain(err.name);
    expect(await tableCounts(s.db)).toEqual(before);
  });
});
