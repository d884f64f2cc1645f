import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyticsService } from '../../src/lib/analytics/service';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { recordSaleFeedback } from '../../src/lib/db/commands/feedback';
import { registerMember } from '../../src/lib/db/commands/members';
import { memberPage } from '../../src/lib/db/queries/members';
import { localInstant, makeLine, makeValidMember } from '../fixtures/factories';
import { openTestShop, rejection, type TestShop } from '../fixtures/test-shop';

let shop: TestShop;

beforeEach(async () => {
  shop = await openTestShop({ at: localInstant(2026, 3, 5, 15) });
});

afterEach(async () => {
  shop.db.close();
  await shop.db.delete();
});

describe('satisfaction after a sale', () => {
  it('keeps one score per sale on her timeline; asking again changes it; the health tab averages by month', async () => {
    const { db, ctx, clock } = shop;
    const m = await registerMember(db, makeValidMember(), ctx);
    const { sale } = await commitCheckout(db, { memberId: m.id, lines: [makeLine()], paymentMethod: 'cash' }, ctx);
    const first = await recordSaleFeedback(db, { saleId: sale.id, score: 3, comment: '  排队久了点 ' }, ctx);
    clock.advance(60_000);
    await recordSaleFeedback(db, { saleId: sale.id, score: 5, comment: '店员很耐心' }, ctx);

    const page = await memberPage(db, m.id);
    expect(page?.feedback.map((f) => [f.id, f.score, f.comment, f.source, f.subjectId, f.at])).toEqual([
      [sale.id, 5, '店员很耐心', 'sale', sale.id, first.at],
    ]);
    expect(first.comment).toBe('排队久了点');

    const service = createAnalyticsService(db);
    try {
      const r = await service.handle('satisfaction', { period: { from: '2026-03-01', to: '2026-03-31' } });
      expect(r).toMatchObject({ scores: 1, meanTenths: 50, distribution: [0, 0, 0, 0, 1] });
      expect(r.months.at(-1)).toEqual({ month: '2026-03', scores: 1, meanTenths: 50, fromSales: 1, fromEvents: 0 });
    } finally {
      service.close();
    }
  });

  it('refuses a walk-in sale, a refund, an unknown sale and a score outside 1–5, writing nothing', async () => {
    const { db, ctx } = shop;
    const m = await registerMember(db, makeValidMember(), ctx);
    const { sale: walkIn } = await commitCheckout(db, { memberId: null, lines: [makeLine()], paymentMethod: 'cash' }, ctx);
    const { sale } = await commitCheckout(db, { memberId: m.id, lines: [makeLine()], paymentMethod: 'cash' }, ctx);
    await db.sales.put({ ...sale, id: 'refund-1', refundOf: sale.id });

    expect(await rejection(recordSaleFeedback(db, { saleId: walkIn.id, score: 4, comment: '' }, ctx))).toMatchObject({ detail: { field: 'member' } });
    expect(await rejection(recordSaleFeedback(db, { saleId: 'refund-1', score: 4, comment: '' }, ctx))).toMatchObject({ detail: { code: 'notFound' } });
    expect(await rejection(recordSaleFeedback(db, { saleId: 'nope', score: 4, comment: '' }, ctx))).toMatchObject({ detail: { code: 'notFound' } });
    expect(await rejection(recordSaleFeedback(db, { saleId: sale.id, score: 0, comment: '' }, ctx))).toMatchObject({ detail: { field: 'score' } });
    expect(await rejection(recordSaleFeedback(db, { saleId: sale.id, score: 4, comment: 'x'.repeat(501) }, ctx))).toMatchObject({ detail: { field: 'comment' } });
    expect(await db.feedback.count()).toBe(0);
  });
});
