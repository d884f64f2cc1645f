import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShopDB } from '../../src/lib/db/shop-db';
import type { CommandContext } from '../../src/lib/db/context';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { eraseMember } from '../../src/lib/db/commands/privacy';
import { recordSaleFeedback } from '../../src/lib/db/commands/feedback';
import { topUp } from '../../src/lib/db/commands/loyalty';
import { registerMember } from '../../src/lib/db/commands/members';
import { setUpOwner } from '../../src/lib/db/commands/staff';
import { memberPage, searchMembers } from '../../src/lib/db/queries/members';
import { auditEntries } from '../../src/lib/db/queries/staff';
import { verify } from '../../src/lib/db/queries/verify';
import { makeLine, makeValidMember } from '../fixtures/factories';
import { openTestShop, rejection, tableCounts } from '../fixtures/test-shop';

let db: ShopDB;
let owner: CommandContext;

beforeEach(async () => {
  const shop = await openTestShop({ role: 'system' });
  db = shop.db;
  const row = await setUpOwner(db, { name: '店主', pin: '246810', repeat: '246810' }, shop.ctx, 1_000);
  owner = { ...shop.ctx, actorId: row.id, role: 'owner' };
});

afterEach(async () => {
  await db.delete();
});

async function totals() {
  const [sales, points, stored, members] = await Promise.all([
    db.sales.toArray(),
    db.pointsLedger.toArray(),
    db.storedValueLedger.toArray(),
    db.members.toArray(),
  ]);
  return {
    salesFen: sales.reduce((s, x) => s + x.totalFen, 0),
    points: points.reduce((s, x) => s + x.points, 0),
    storedFen: stored.reduce((s, x) => s + x.principalFen + x.bonusFen, 0),
    lifetimeFen: members.reduce((s, m) => s + m.lifetimeSpendFen, 0),
    balanceFen: members.reduce((s, m) => s + m.storedValueFen, 0),
  };
}

describe('eraseMember', () => {
  it('removes her personal fields and babies for real; the books add up exactly as before', async () => {
    const her = await registerMember(
      db,
      makeValidMember({
        name: '王小红',
        phone: '13812345678',
        birthday: '1990-05-03',
        address: '西湖区文三路 1 号',
        wechat: 'wxhong',
        email: 'hong@example.com',
        tags: ['奶粉'],
        notes: '老公姓李',
        babies: [{ nickname: '豆豆', gender: 'girl', birthDate: '2025-06-10', expecting: false }],
      }),
      owner,
    );
    const other = await registerMember(db, makeValidMember({ name: '李娜', phone: '13900001111' }), owner);
    await topUp(db, { memberId: her.id, amountFen: 50_000, paymentMethod: 'cash' }, owner);
    const { sale } = await commitCheckout(db, { memberId: her.id, lines: [makeLine({ unitPriceFen: 12_800 })], paymentMethod: 'cash' }, owner);
    await commitCheckout(db, { memberId: other.id, lines: [makeLine({ unitPriceFen: 3_000 })], paymentMethod: 'cash' }, owner);
    await recordSaleFeedback(db, { saleId: sale.id, score: 4, comment: '王姐说豆豆很喜欢' }, owner);
    const before = await totals();
    const countsBefore = await tableCounts(db, ['sales', 'pointsLedger', 'storedValueLedger', 'members', 'coupons']);

    await eraseMember(db, { memberId: her.id, ownerPin: '246810' }, owner);

    expect(await totals()).toEqual(before);
    expect(await tableCounts(db, ['sales', 'pointsLedger', 'storedValueLedger', 'members', 'coupons'])).toEqual(countsBefore);
    expect((await verify(db)).drifts).toEqual([]);
    const erased = (await db.members.get(her.id))!;
    expect(erased).toMatchObject({
      name: '',
      gender: 'unknown',
      birthday: null,
      region: '',
      address: '',
      wechat: '',
      email: '',
      tags: [],
      notes: '',
      referrerId: null,
      consent: { sms: false, wechat: false, email: false },
      lifetimeSpendFen: her.lifetimeSpendFen + 12_800,
    });
    expect(erased.erasedAt).toBe(owner.clock.now());
    expect(erased.phone).not.toMatch(/\d{11}/);
    // Nothing she gave us is left anywhere in the database.
    const everything = JSON.stringify(await Promise.all(db.tables.map((t) => t.toArray())));
    for (const personal of ['王小红', '13812345678', '87654321831', '1990-05-03', '文三路', 'wxhong', 'hong@example.com', '老公姓李', '豆豆', '2025-06-10'])
      expect(everything).not.toContain(personal);
    expect(await db.babies.where('memberId').equals(her.id).count()).toBe(0);
    expect((await db.feedback.get(sale.id))).toMatchObject({ score: 4, comment: '' });
    expect(await searchMembers(db, '5678')).toEqual([]);
    expect((await searchMembers(db, '1111')).map((m) => m.id)).toEqual([other.id]);
    expect((await memberPage(db, her.id))?.sales.map((s) => s.totalFen)).toEqual([12_800]);
    expect((await auditEntries(db))[0]).toMatchObject({ action: 'eraseMember', actorId: owner.actorId, subjectId: her.id });
  });

  it('asks for the owner PIN again, and a wrong one changes nothing', async () => {
    const her = await registerMember(db, makeValidMember({ name: '王小红' }), owner);
    const before = await db.members.get(her.id);
    expect(await rejection(eraseMember(db, { memberId: her.id, ownerPin: '000000' }, owner))).toMatchObject({
      detail: { code: 'access', reason: 'wrongPin' },
    });
    expect(await db.members.get(her.id)).toEqual(before);
    await eraseMember(db, { memberId: her.id, ownerPin: '246810' }, owner);
    expect(await rejection(eraseMember(db, { memberId: her.id, ownerPin: '246810' }, owner))).toMatchObject({ detail: { code: 'notFound' } });
  });
});
