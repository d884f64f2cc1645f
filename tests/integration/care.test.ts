import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyticsService, type AnalyticsService } from '../../src/lib/analytics/service';
import { recordCareAction, recordCareActions, saveCareSettings, saveFollowUps, saveMessageTemplates, setContactOutcome } from '../../src/lib/db/commands/care';
import { commitReturn } from '../../src/lib/db/commands/returns';
import { DEFAULT_FOLLOW_UPS } from '../../src/lib/domain/follow-up';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { registerMember } from '../../src/lib/db/commands/members';
import { saveProduct } from '../../src/lib/db/commands/settings';
import { cameBack, contactsSince, getCareSettings, getFollowUps, getMessageTemplates } from '../../src/lib/db/queries/care';
import { CARE_DEFAULTS } from '../../src/lib/domain/care';
import type { Product } from '../../src/lib/domain/product';
import { localInstant, makeLine, makeProductInput, makeValidMember } from '../fixtures/factories';
import { openTestShop, rejection, type TestShop } from '../fixtures/test-shop';

let shop: TestShop;
let service: AnalyticsService;

beforeEach(async () => {
  shop = await openTestShop({ at: localInstant(2026, 1, 5) });
  service = createAnalyticsService(shop.db);
});

afterEach(async () => {
  service.close();
  shop.db.close();
  await shop.db.delete();
});

const NO_CONSENT = { sms: false, wechat: false, email: false };

async function buy(memberId: string, product: Product, at: number, qty = 1) {
  shop.clock.set(at);
  await commitCheckout(
    shop.db,
    {
      memberId,
      lines: [makeLine({ productId: product.id, sku: product.sku, name: product.name, category: product.category, unitPriceFen: product.priceFen, qty })],
      paymentMethod: 'cash',
    },
    shop.ctx,
  );
}

describe('today’s care list (worker side)', () => {
  it('names each reason with its figures, and leaves opted-out members out of promotions', async () => {
    const { db, ctx } = shop;
    const stage1 = await saveProduct(db, makeProductInput({ sku: 'F1', name: '飞鹤 1段', formulaStage: 1, daysPerUnit: 15 }), ctx);
    const fang = await registerMember(
      db,
      makeValidMember({
        name: '王芳',
        phone: '13800000001',
        birthday: '1992-03-04',
        babies: [{ nickname: '豆豆', gender: 'girl', birthDate: '2025-09-10', expecting: false }],
      }),
      ctx,
    );
    const quiet = await registerMember(db, makeValidMember({ name: '李静', phone: '13800000002', birthday: '1990-03-03', consent: NO_CONSENT }), ctx);
    // Her own rhythm: every 20 days (01-10, 01-30, 02-19) → runs out 03-11; today 03-01 is 10 days before.
    for (const day of [10, 30, 50]) await buy(fang.id, stage1, localInstant(2026, 1, 1) + day * 86_400_000 - 86_400_000);
    await buy(quiet.id, stage1, localInstant(2026, 2, 25), 2);

    const today = '2026-03-01';
    const list = await service.handle('care', { today, settings: { ...CARE_DEFAULTS, runOutDays: 10 } });
    const rows = list.map((e) => [e.name, e.reason, e.on, e.detail]);
    expect(rows).toEqual([
      ['王芳', 'formulaRunOut', '2026-03-11', { product: '飞鹤 1段', days: 10, basis: 'own', usualDays: 20 }],
      // 豆豆 turns six months on 03-10 and her mother still buys 1段.
      ['王芳', 'stageChange', '2026-03-10', { baby: '豆豆', stage: 2, days: 9 }],
      ['王芳', 'birthday', '2026-03-04', { days: 3 }],
      // A default follow-up rule: the day after her first purchase of a formula brand; a service call.
      ['李静', 'followUp', '2026-02-26', { rule: '新奶粉回访', trigger: 'purchase', product: '飞鹤 1段', since: '2026-02-25', days: 1 }],
    ]);
    // 李静 opted out: her birthday and formula (runs out 03-27 by 2 × 15 days) are promotions — not listed.
    expect(list.filter((e) => e.memberId === quiet.id).map((e) => e.reason)).toEqual(['followUp']);
  });
});

describe('follow-up calls', () => {
  it('list her after a return by the owner’s own rule, with its message, until the call is logged', async () => {
    const { db, ctx } = shop;
    const toy = await saveProduct(db, makeProductInput({ sku: 'T1', name: '摇铃', category: '玩具', formulaStage: null, daysPerUnit: null }), ctx);
    const mum = await registerMember(db, makeValidMember({ name: '周敏', phone: '13800000003' }), ctx);
    const rule = { id: 'ret', name: '退货关心', trigger: 'return' as const, category: '玩具', brand: '', firstTimeOnly: false, delayDays: 2, template: ' {姓名}，退的{商品}还满意吗？ ', active: true };
    await saveFollowUps(db, [rule], ctx);
    expect(await getFollowUps(db)).toEqual([{ ...rule, template: '{姓名}，退的{商品}还满意吗？' }]);

    await buy(mum.id, toy, localInstant(2026, 4, 1));
    const [sale] = await db.sales.toArray();
    shop.clock.set(localInstant(2026, 4, 3));
    await commitReturn(db, { saleId: sale!.id, lines: [{ line: 0, qty: 1 }] }, ctx);

    const list = (today: string) => service.handle('care', { today, settings: CARE_DEFAULTS });
    expect((await list('2026-04-04')).filter((e) => e.reason === 'followUp')).toEqual([]);
    const [entry, ...rest] = (await list('2026-04-05')).filter((e) => e.reason === 'followUp');
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      memberId: mum.id,
      on: '2026-04-05',
      service: true,
      detail: { rule: '退货关心', trigger: 'return', product: '摇铃', since: '2026-04-03', days: 2, template: '{姓名}，退的{商品}还满意吗？' },
    });
    // Its subject is the return's instant, the same however the facts are rebuilt, so the log's cooldown holds.
    const [refund] = await db.sales.where('refundOf').equals(sale!.id).toArray();
    expect(entry?.subject).toBe(`ret|${refund!.at}`);
    service.invalidate();
    expect((await list('2026-04-05')).find((e) => e.reason === 'followUp')?.subject).toBe(entry?.subject);
    // Seven days on the list, then it lapses.
    expect((await list('2026-04-11')).some((e) => e.reason === 'followUp')).toBe(true);
    expect((await list('2026-04-12')).some((e) => e.reason === 'followUp')).toBe(false);
  });

  it('refuse a bad rule with its place named, and stay owner-only', async () => {
    const bad = await rejection(saveFollowUps(shop.db, [DEFAULT_FOLLOW_UPS[0]!, { ...DEFAULT_FOLLOW_UPS[1]!, delayDays: -1 }], shop.ctx));
    expect(bad).toMatchObject({ detail: { code: 'invalid', field: 'followUps.1.delayDays' } });
    expect(await getFollowUps(shop.db)).toEqual(DEFAULT_FOLLOW_UPS);
    expect(await rejection(saveFollowUps(shop.db, [], { ...shop.ctx, role: 'assistant' }))).toMatchObject({ detail: { code: 'forbidden' } });
  });
});

describe('the contact log', () => {
  it('logs done, snoozed and skipped entries, an outcome, and whether she came back', async () => {
    const { db, ctx, clock } = shop;
    const product = await saveProduct(db, makeProductInput(), ctx);
    const m = await registerMember(db, makeValidMember(), ctx);
    clock.set(localInstant(2026, 3, 1, 9));
    const done = await recordCareAction(db, { memberId: m.id, reason: 'lapsing', subject: '', action: 'done', channel: 'copy' }, ctx);
    const snoozed = await recordCareAction(
      db,
      { memberId: m.id, reason: 'birthday', subject: '2026', action: 'snoozed', channel: null, snoozeDays: 3 },
      ctx,
    );
    expect(done).toMatchObject({ day: '2026-03-01', action: 'done', channel: 'copy', template: 'lapsing', until: null });
    expect(snoozed).toMatchObject({ action: 'snoozed', channel: null, template: null, until: '2026-03-04' });
    await setContactOutcome(db, done.id, 'replied', ctx);
    expect(await rejection(setContactOutcome(db, 'nope', 'replied', ctx))).toMatchObject({ detail: { code: 'notFound', entity: 'contact' } });

    expect(await cameBack(db, [{ ...done, outcome: 'replied' }], 14)).toEqual(new Set());
    await buy(m.id, product, localInstant(2026, 3, 10));
    const log = await contactsSince(db, localInstant(2026, 3, 1, 0));
    expect(log.map((c) => [c.reason, c.outcome])).toEqual([
      ['birthday', null],
      ['lapsing', 'replied'],
    ]);
    expect(await cameBack(db, log, 14)).toEqual(new Set([done.id]));
    expect(await cameBack(db, log, 5)).toEqual(new Set());
  });

  it('writes a batch in one transaction: all rows or none', async () => {
    const { db, ctx } = shop;
    const input = { memberId: 'm-1', reason: 'lapsing' as const, subject: '', action: 'done' as const, channel: 'csv' as const };
    await recordCareActions(db, [input, input], ctx);
    expect(await db.contacts.count()).toBe(2);
    const clash = shop.newId.peek(1);
    await db.contacts.add({ ...(await db.contacts.toCollection().first())!, id: shop.newId.peek(2) });
    expect(await rejection(recordCareActions(db, [input, input], ctx))).toBeTruthy();
    expect(await db.contacts.count()).toBe(3);
    expect(await db.contacts.get(clash)).toBeUndefined();
  });

  it('keeps care settings with defaults and refuses values out of range', async () => {
    const { db } = shop;
    expect(await getCareSettings(db)).toEqual(CARE_DEFAULTS);
    await saveCareSettings(db, { ...CARE_DEFAULTS, stageEndMonths: [6, 12, 24], cooldownDays: 30 }, shop.ctx);
    expect(await getCareSettings(db)).toMatchObject({ stageEndMonths: [6, 12, 24], cooldownDays: 30 });
    expect(await rejection(saveCareSettings(db, { ...CARE_DEFAULTS, snoozeDays: 0 }, shop.ctx))).toMatchObject({ detail: { code: 'invalid', field: 'snoozeDays' } });
  });
});

describe('message templates', () => {
  it('are stored trimmed, read back, and a template with a problem is refused with nothing written', async () => {
    await saveMessageTemplates(shop.db, { birthday: { 'zh-CN': ' {姓名}生日快乐！ ', en: '' } }, shop.ctx);
    expect(await getMessageTemplates(shop.db)).toEqual({ birthday: { 'zh-CN': '{姓名}生日快乐！' } });
    expect(await rejection(saveMessageTemplates(shop.db, { birthday: { en: 'Hi {name}, {points} points' } }, shop.ctx))).toMatchObject({
      detail: { code: 'invalid', field: 'template.birthday.en' },
    });
    expect(await getMessageTemplates(shop.db)).toEqual({ birthday: { 'zh-CN': '{姓名}生日快乐！' } });
  });
});
