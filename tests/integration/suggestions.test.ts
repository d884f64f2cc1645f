import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShopDB } from '../../src/lib/db/shop-db';
import type { CommandContext } from '../../src/lib/db/context';
import { createAnalyticsService } from '../../src/lib/analytics/service';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { registerMember } from '../../src/lib/db/commands/members';
import { saveProduct } from '../../src/lib/db/commands/settings';
import { saveSuggestionSettings } from '../../src/lib/db/commands/suggestions';
import { getSuggestionSettings, suggestionsFor } from '../../src/lib/db/queries/suggestions';
import { cartLineOf } from '../../src/lib/domain/checkout';
import { DomainError } from '../../src/lib/domain/errors';
import type { Product } from '../../src/lib/domain/product';
import { SUGGESTION_DEFAULTS } from '../../src/lib/domain/suggestion';
import { localInstant, makeProductInput, makeValidMember, type TestClock } from '../fixtures/factories';
import { openTestShop, rejection } from '../fixtures/test-shop';

let db: ShopDB;
let clock: TestClock;
let ctx: CommandContext;
let stage1: Product, stage2: Product, cereal: Product, bottle: Product;

beforeEach(async () => {
  ({ db, clock, ctx } = await openTestShop({ at: localInstant(2026, 11, 1) }));
  const add = (sku: string, name: string, category: string, formulaStage: number | null) =>
    saveProduct(db, makeProductInput({ sku, name, brand: '飞鹤', category, priceFen: 29_800, formulaStage, daysPerUnit: formulaStage ? 15 : null }), ctx);
  stage1 = await add('F1', '飞鹤 1段', '奶粉', 1);
  stage2 = await add('F2', '飞鹤 2段', '奶粉', 2);
  cereal = await add('C1', '高铁米粉', '辅食', null);
  bottle = await add('B1', '奶瓶', '喂养', null);
});

afterEach(() => db.delete());

describe('suggestions for a member', () => {
  it('suggest stage 2 for a 6-month-old whose mother bought stage 1, and record what the checkout took', async () => {
    const mum = await registerMember(db, makeValidMember({ babies: [{ nickname: '豆豆', gender: 'girl', birthDate: '2026-06-01', expecting: false }] }), ctx);
    await commitCheckout(db, { memberId: mum.id, lines: [cartLineOf(stage1)], paymentMethod: 'cash' }, ctx);
    clock.set(localInstant(2026, 12, 7));

    const list = await suggestionsFor(db, mum.id, clock.now(), null);
    expect(list.map((s) => [s.productId, s.reason])).toEqual([
      [stage2.id, { kind: 'stage', baby: '豆豆', ageMonths: 6, category: '奶粉', formulaStage: 2 }],
      [cereal.id, { kind: 'stage', baby: '豆豆', ageMonths: 6, category: '辅食', formulaStage: null }],
    ]);

    const { sale } = await commitCheckout(
      db,
      { memberId: mum.id, lines: [cartLineOf(stage2, true), cartLineOf(bottle)], paymentMethod: 'cash', suggestionsShown: list.length },
      ctx,
    );
    const stored = await db.sales.get(sale.id);
    expect(stored?.suggestionsShown).toBe(2);
    expect(stored?.lines.map((l) => l.suggested ?? false)).toEqual([true, false]);
    // Bought today: stage 2 is no longer suggested.
    expect((await suggestionsFor(db, mum.id, clock.now(), null)).map((s) => s.productId)).toEqual([cereal.id]);
  });

  it('do not record suggestions on a walk-in sale', async () => {
    const { sale } = await commitCheckout(db, { memberId: null, lines: [cartLineOf(bottle, true)], paymentMethod: 'cash', suggestionsShown: 3 }, ctx);
    expect((await db.sales.get(sale.id))?.suggestionsShown).toBeUndefined();
  });

  it('use the co-purchase rules the analytics service counts', async () => {
    for (let i = 0; i < 6; i++) {
      const m = await registerMember(db, makeValidMember({ phone: `1390000000${i}` }), ctx);
      await commitCheckout(db, { memberId: m.id, lines: i < 5 ? [cartLineOf(bottle), cartLineOf(cereal)] : [cartLineOf(bottle)], paymentMethod: 'cash' }, ctx);
    }
    const newcomer = await registerMember(db, makeValidMember({ phone: '13900000099' }), ctx);
    await commitCheckout(db, { memberId: newcomer.id, lines: [cartLineOf(bottle)], paymentMethod: 'cash' }, ctx);
    const service = createAnalyticsService(db);
    try {
      const table = await service.handle('coPurchase', { minSupport: 5, minConfidencePct: 20 });
      // 7 bought the bottle, 5 of them cereal too: 71 %.
      expect(new Map(table.rules).get(bottle.id)).toEqual([{ productId: cereal.id, support: 5, confidencePct: 71 }]);
      const model = { rules: new Map(table.rules), popularity: new Map(table.popularity) };
      clock.set(localInstant(2026, 12, 15)); // the catalogue is no longer new
      expect((await suggestionsFor(db, newcomer.id, clock.now(), model)).map((s) => [s.productId, s.reason])).toEqual([
        [cereal.id, { kind: 'coPurchase', withProduct: '奶瓶', confidencePct: 71 }],
      ]);
    } finally {
      service.close();
    }
  });
});

describe('suggestion settings', () => {
  it('are saved by the owner, and refused with the bad rule named', async () => {
    const rules = [{ fromMonths: 0, toMonths: 6, category: ' 奶粉 ', formulaStage: 1 }];
    await saveSuggestionSettings(db, { ...SUGGESTION_DEFAULTS, stageRules: rules, excludeDays: 14 }, ctx);
    expect(await getSuggestionSettings(db)).toEqual({ ...SUGGESTION_DEFAULTS, excludeDays: 14, stageRules: [{ ...rules[0], category: '奶粉' }] });
    const bad = await rejection(saveSuggestionSettings(db, { ...SUGGESTION_DEFAULTS, stageRules: [...rules, { fromMonths: 8, toMonths: 2, category: 'x', formulaStage: null }] }, ctx));
    expect(bad).toBeInstanceOf(DomainError);
    expect((bad as DomainError).detail).toEqual({ code: 'invalid', field: 'stageRules.1' });
    const assistant = await rejection(saveSuggestionSettings(db, SUGGESTION_DEFAULTS, { ...ctx, role: 'assistant' }));
    expect((assistant as DomainError).detail.code).toBe('forbidden');
  });
});
