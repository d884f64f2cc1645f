import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveCampaign, saveCouponTemplate, saveGift } from '../../src/lib/db/commands/catalogue';
import { saveProduct } from '../../src/lib/db/commands/settings';
import type { CommandContext } from '../../src/lib/db/context';
import {
  listAllGifts,
  listCampaigns,
  listCouponTemplates,
  productCategories,
} from '../../src/lib/db/queries/catalogue';
import type { ShopDB } from '../../src/lib/db/shop-db';
import type { CampaignInput } from '../../src/lib/domain/campaign';
import type { CouponTemplateInput } from '../../src/lib/domain/coupon';
import { DomainError } from '../../src/lib/domain/errors';
import { localInstant, makeProductInput, type CounterId, type TestClock } from '../fixtures/factories';
import { openTestShop, rejection, tableCounts, T0 } from '../fixtures/test-shop';

let db: ShopDB;
let clock: TestClock;
let newId: CounterId;
let ctx: CommandContext;

beforeEach(async () => {
  ({ db, clock, newId, ctx } = await openTestShop());
});

afterEach(async () => {
  await db.delete();
});

const fixed20: CouponTemplateInput = {
  name: '  满199减20  ',
  kind: 'fixed',
  valueFen: 2000,
  percentBp: 7000,
  minSpendFen: 19_900,
  validDays: 30,
  category: null,
  pointsCost: 0,
  active: true,
};

const detailOf = async (p: Promise<unknown>) => ((await rejection(p)) as DomainError).detail;

describe('saveCouponTemplate', () => {
  it('adds a template with a new id, trims, and keeps only the figure of its kind', async () => {
    const saved = await saveCouponTemplate(db, fixed20, ctx);
    expect(saved).toEqual({
      id: 'id-0005',
      name: '满199减20',
      kind: 'fixed',
      valueFen: 2000,
      percentBp: 10000,
      minSpendFen: 19_900,
      validDays: 30,
      category: null,
      pointsCost: 0,
      active: true,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await db.couponTemplates.get('id-0005')).toEqual(saved);
  });

  it('edits in place: createdAt kept, updatedAt moved, category trimmed', async () => {
    const first = await saveCouponTemplate(db, fixed20, ctx);
    clock.set(localInstant(2026, 3, 5));
    const edited = await saveCouponTemplate(
      db,
      {
        ...fixed20,
        id: first.id,
        kind: 'percent',
        valueFen: 2000,
        percentBp: 8500,
        category: ' 奶粉 ',
        pointsCost: 500,
      },
      ctx,
    );
    expect(edited).toMatchObject({
      id: first.id,
      kind: 'percent',
      valueFen: 0,
      percentBp: 8500,
      category: '奶粉',
      pointsCost: 500,
      createdAt: T0,
      updatedAt: localInstant(2026, 3, 5),
    });
    expect(await db.couponTemplates.count()).toBe(1);
    // One new id for the template, and one audit-log row per save.
    expect(newId.count).toBe(7);
    expect((await db.auditLog.toArray()).map((a) => [a.action, a.subjectId])).toEqual([
      ['settings', first.id],
      ['settings', first.id],
    ]);
  });

  it('deactivates by saving with active false; the list shows active ones first', async () => {
    const a = await saveCouponTemplate(db, { ...fixed20, name: 'B券' }, ctx);
    await saveCouponTemplate(db, { ...fixed20, name: 'C券' }, ctx);
    await saveCouponTemplate(db, { ...fixed20, name: 'A券', active: false }, ctx);
    await saveCouponTemplate(db, { ...fixed20, name: a.name, id: a.id, active: false }, ctx);
    expect((await listCouponTemplates(db)).map((t) => [t.name, t.active])).toEqual([
      ['C券', true],
      ['A券', false],
      ['B券', false],
    ]);
  });

  it('writes nothing when a field is wrong or the template is unknown', async () => {
    expect(await detailOf(saveCouponTemplate(db, { ...fixed20, validDays: 0 }, ctx))).toEqual({
      code: 'invalid',
      field: 'validDays',
    });
    expect(await detailOf(saveCouponTemplate(db, { ...fixed20, id: 'nope' }, ctx))).toEqual({
      code: 'notFound',
      entity: 'template',
    });
    expect(await tableCounts(db, ['couponTemplates'])).toEqual({ couponTemplates: 0 });
    expect(newId.count).toBe(4);
  });
});

describe('saveGift', () => {
  const gift = { name: ' 婴儿湿巾 ', pointsCost: 800, stock: 20, active: true };

  it('adds, edits (createdAt kept) and deactivates a gift', async () => {
    const saved = await saveGift(db, gift, ctx);
    expect(saved).toEqual({
      id: 'id-0005',
      name: '婴儿湿巾',
      pointsCost: 800,
      stock: 20,
      active: true,
      createdAt: T0,
      updatedAt: T0,
    });
    clock.set(localInstant(2026, 3, 9));
    const edited = await saveGift(db, { ...gift, id: saved.id, stock: 0, active: false }, ctx);
    expect(edited).toEqual({ ...saved, stock: 0, active: false, updatedAt: localInstant(2026, 3, 9) });
    expect(await listAllGifts(db)).toEqual([edited]);
  });

  it('lists active gifts first, cheapest first', async () => {
    await saveGift(db, { ...gift, name: '奶瓶', pointsCost: 3000 }, ctx);
    await saveGift(db, { ...gift, name: '围兜', pointsCost: 500, active: false }, ctx);
    await saveGift(db, { ...gift, name: '湿巾', pointsCost: 800 }, ctx);
    expect((await listAllGifts(db)).map((g) => g.name)).toEqual(['湿巾', '奶瓶', '围兜']);
  });

  it('refuses bad fields and unknown gifts without writing', async () => {
    expect(await detailOf(saveGift(db, { ...gift, pointsCost: 0 }, ctx))).toEqual({
      code: 'invalid',
      field: 'pointsCost',
    });
    expect(await detailOf(saveGift(db, { ...gift, stock: -1 }, ctx))).toEqual({
      code: 'invalid',
      field: 'stock',
    });
    expect(await detailOf(saveGift(db, { ...gift, name: ' ' }, ctx))).toEqual({
      code: 'invalid',
      field: 'name',
    });
    expect(await detailOf(saveGift(db, { ...gift, id: 'nope' }, ctx))).toEqual({
      code: 'notFound',
      entity: 'gift',
    });
    expect(await db.gifts.count()).toBe(0);
  });
});

describe('saveCampaign', () => {
  const campaign: CampaignInput = {
    name: ' 双倍积分周 ',
    kind: 'doublePoints',
    startDate: '2026-05-01',
    endDate: '2026-05-07',
    multiplierBp: 20000,
  };

  it('adds and edits a campaign; the list shows the latest start first', async () => {
    const saved = await saveCampaign(db, campaign, ctx);
    expect(saved).toEqual({
      id: 'id-0005',
      name: '双倍积分周',
      kind: 'doublePoints',
      startDate: '2026-05-01',
      endDate: '2026-05-07',
      multiplierBp: 20000,
      createdAt: T0,
      updatedAt: T0,
    });
    clock.set(localInstant(2026, 4, 1));
    const edited = await saveCampaign(
      db,
      { ...campaign, id: saved.id, multiplierBp: 30000, endDate: '2026-05-03' },
      ctx,
    );
    expect(edited).toEqual({
      ...saved,
      multiplierBp: 30000,
      endDate: '2026-05-03',
      updatedAt: localInstant(2026, 4, 1),
    });
    await saveCampaign(
      db,
      { ...campaign, name: '六一', startDate: '2026-06-01', endDate: '2026-06-01' },
      ctx,
    );
    expect((await listCampaigns(db)).map((c) => c.name)).toEqual(['六一', '双倍积分周']);
  });

  it('refuses an end before the start and unknown campaigns without writing', async () => {
    expect(await detailOf(saveCampaign(db, { ...campaign, endDate: '2026-04-30' }, ctx))).toEqual({
      code: 'invalid',
      field: 'endDate',
    });
    expect(await detailOf(saveCampaign(db, { ...campaign, multiplierBp: 10000 }, ctx))).toEqual({
      code: 'invalid',
      field: 'multiplierBp',
    });
    expect(await detailOf(saveCampaign(db, { ...campaign, id: 'nope' }, ctx))).toEqual({
      code: 'notFound',
      entity: 'campaign',
    });
    expect(await db.campaigns.count()).toBe(0);
  });
});

describe('productCategories', () => {
  it('lists the distinct categories of active products', async () => {
    await saveProduct(db, makeProductInput({ sku: 'A1', category: '奶粉' }), ctx);
    await saveProduct(db, makeProductInput({ sku: 'A2', category: '纸尿裤' }), ctx);
    await saveProduct(db, makeProductInput({ sku: 'A3', category: '奶粉' }), ctx);
    await saveProduct(db, makeProductInput({ sku: 'A4', category: '' }), ctx);
    const archived = await saveProduct(db, makeProductInput({ sku: 'A5', category: '玩具' }), ctx);
    await db.products.update(archived.id, { active: false });
    expect(await productCategories(db)).toEqual(['奶粉', '纸尿裤'].sort((a, b) => a.localeCompare(b)));
  });
});
