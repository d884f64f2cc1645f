import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { registerMember } from '../../src/lib/db/commands/members';
import { commitReturn } from '../../src/lib/db/commands/returns';
import { saleLinesForExport } from '../../src/lib/db/queries/exports';
import { localInstant, makeLine, makeValidMember } from '../fixtures/factories';
import { openTestShop, type TestShop } from '../fixtures/test-shop';

let shop: TestShop;

beforeEach(async () => {
  shop = await openTestShop();
});

afterEach(async () => {
  shop.db.close();
  await shop.db.delete();
});

it('exports every line of the sales and returns inside the range, with the member, in time order', async () => {
  const { db, ctx, clock } = shop;
  const member = await registerMember(db, makeValidMember({ name: '王芳', phone: '13800138000' }), ctx);
  clock.set(localInstant(2026, 3, 1, 9));
  await commitCheckout(db, { memberId: null, lines: [makeLine({ name: '湿巾', unitPriceFen: 990, qty: 2 })], paymentMethod: 'cash' }, ctx);
  clock.set(localInstant(2026, 3, 2, 15));
  const sale = await commitCheckout(
    db,
    {
      memberId: member.id,
      lines: [makeLine({ name: '奶粉', unitPriceFen: 29_800 }), makeLine({ name: '纸尿裤', unitPriceFen: 12_000 })],
      paymentMethod: 'wechat',
    },
    ctx,
  );
  clock.set(localInstant(2026, 3, 3, 11));
  await commitReturn(db, { saleId: sale.sale.id, lines: [{ line: 1, qty: 1 }] }, ctx);
  clock.set(localInstant(2026, 3, 4, 11));
  await commitCheckout(db, { memberId: null, lines: [makeLine({ name: '玩具', unitPriceFen: 5_000 })], paymentMethod: 'cash' }, ctx);

  const rows = await saleLinesForExport(db, localInstant(2026, 3, 2, 0), localInstant(2026, 3, 4, 0));
  expect(rows.map((r) => [r.line.name, r.line.qty, r.sale.refundOf === sale.sale.id, r.member?.name ?? null])).toEqual([
    ['奶粉', 1, false, '王芳'],
    ['纸尿裤', 1, false, '王芳'],
    ['纸尿裤', 1, true, '王芳'],
  ]);
  expect(rows[2]?.line.amountFen).toBe(-12_000);
});
