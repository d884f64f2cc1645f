import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { commitMemberImport } from '../../src/lib/db/commands/import';
import { registerMember } from '../../src/lib/db/commands/members';
import { membersByPhone } from '../../src/lib/db/queries/import';
import { verify } from '../../src/lib/db/queries/verify';
import { DomainError } from '../../src/lib/domain/errors';
import type { Mapping } from '../../src/lib/io/csv/import-mapping';
import { planMemberImport, readMemberRow } from '../../src/lib/io/csv/import-members';
import { openTestShop, rejection, tableCounts, type TestShop } from '../fixtures/test-shop';

const MAPPING: Mapping = ['name', 'phone', 'gender', 'birthday', 'points', 'storedValue'];
const FILE = [
  ['王芳', '13800138000', '女', '1990-05-03', '1200', '500'],
  ['李娜', '13912345678', '', '', '0', ''],
  ['坏行', '12345', '', '', '', ''],
  ['赵敏', '13700001111', '男', '1988/12/31', '', '12.30'],
];

let shop: TestShop | null = null;
afterEach(async () => {
  shop?.db.close();
  await shop?.db.delete();
  shop = null;
});

async function planOf(s: TestShop, rows: string[][]) {
  const read = rows.map((cells, i) => readMemberRow(cells, MAPPING, i + 1, '2026-03-01'));
  return planMemberImport(read, await membersByPhone(s.db));
}

describe('importing members', () => {
  it('writes new members with opening balances as ledger rows, in one go, and balances verify', async () => {
    shop = await openTestShop();
    const plan = await planOf(shop, FILE);
    expect(plan.counts).toEqual({ new: 3, updated: 0, unchanged: 0, invalid: 1, total: 4 });
    const done = await commitMemberImport(shop.db, plan.rows, shop.ctx);
    expect(done).toEqual({ created: 3, updated: 0 });

    const wang = await shop.db.members.where('phone').equals('13800138000').first();
    expect(wang).toMatchObject({
      name: '王芳',
      gender: 'female',
      birthday: '1990-05-03',
      pointsBalance: 1200,
      storedValueFen: 50_000,
      tierId: shop.tiers[0]?.id,
    });
    expect(
      await shop.db.pointsLedger
        .where('[memberId+at]')
        .between([wang!.id, -Infinity], [wang!.id, Infinity])
        .toArray(),
    ).toEqual([expect.objectContaining({ kind: 'opening', points: 1200, expiresAt: null })]);
    const sv = await shop.db.storedValueLedger.toArray();
    expect(sv.map((r) => [r.kind, r.principalFen, r.bonusFen])).toEqual(
      expect.arrayContaining([
        ['opening', 50_000, 0],
        ['opening', 1230, 0],
      ]),
    );
    expect((await verify(shop.db)).drifts).toEqual([]);
  });

  it('importing the same file again changes nothing', async () => {
    shop = await openTestShop();
    await commitMemberImport(shop.db, (await planOf(shop, FILE)).rows, shop.ctx);
    const before = await tableCounts(shop.db);
    const again = await planOf(shop, FILE);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 3, invalid: 1, total: 4 });
    await commitMemberImport(
      shop.db,
      again.rows.filter((r) => r.action !== 'unchanged'),
      shop.ctx,
    );
    // Only the audit log grows: the owner's (empty) import is on record.
    expect(await tableCounts(shop.db)).toEqual({ ...before, auditLog: (before.auditLog ?? 0) + 1 });
  });

  it('updates only the mapped fields of a member on file and adds her first opening balance', async () => {
    shop = await openTestShop();
    await registerMember(
      shop.db,
      {
        name: 'Wang',
        phone: '13800138000',
        gender: 'female',
        birthday: null,
        region: '西湖区',
        address: '',
        wechat: 'wx1',
        email: '',
        tags: ['VIP'],
        notes: 'keep me',
        referrerId: null,
        consent: { sms: true, wechat: false, email: false },
        babies: [],
      },
      shop.ctx,
    );
    const plan = await planOf(shop, [FILE[0]!]);
    expect(plan.rows[0]).toMatchObject({ action: 'updated', changes: ['name', 'birthday'] });
    await commitMemberImport(shop.db, plan.rows, shop.ctx);
    const m = await shop.db.members.where('phone').equals('13800138000').first();
    expect(m).toMatchObject({
      name: '王芳',
      region: '西湖区',
      wechat: 'wx1',
      tags: ['VIP'],
      notes: 'keep me',
      pointsBalance: 1200,
    });
    expect((await verify(shop.db)).drifts).toEqual([]);
  });

  it('is all or nothing: a phone registered after the dry run fails the whole import', async () => {
    shop = await openTestShop();
    const plan = await planOf(shop, FILE);
    await registerMember(
      shop.db,
      {
        name: '抢先',
        phone: '13700001111',
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
        babies: [],
      },
      shop.ctx,
    );
    const before = await tableCounts(shop.db);
    const err = await rejection(commitMemberImport(shop.db, plan.rows, shop.ctx));
    expect(err).toBeInstanceOf(DomainError);
    expect(await tableCounts(shop.db)).toEqual(before);
  });
});
