import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShopDB } from '../../src/lib/db/shop-db';
import type { CommandContext } from '../../src/lib/db/context';
import { recordExport } from '../../src/lib/db/commands/backup';
import { saveCampaign, saveCouponTemplate, saveGift } from '../../src/lib/db/commands/catalogue';
import { saveCareSettings, saveMessageTemplates } from '../../src/lib/db/commands/care';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { clearShop, replaceShop } from '../../src/lib/db/commands/demo';
import { eraseMember } from '../../src/lib/db/commands/privacy';
import { commitMemberImport } from '../../src/lib/db/commands/import';
import { adjustPoints, refundTopUp, topUp } from '../../src/lib/db/commands/loyalty';
import { registerMember } from '../../src/lib/db/commands/members';
import { openFreshShop } from '../../src/lib/db/commands/restore';
import { archiveProduct, saveProduct, saveSettings, saveTiers } from '../../src/lib/db/commands/settings';
import { addAssistant, changePin, removeAssistant, setUpOwner, unlock } from '../../src/lib/db/commands/staff';
import { getSettings } from '../../src/lib/db/queries/settings';
import { activeStaffList, auditEntries } from '../../src/lib/db/queries/staff';
import { CARE_DEFAULTS } from '../../src/lib/domain/care';
import { DomainError } from '../../src/lib/domain/errors';
import type { Staff } from '../../src/lib/domain/access';
import { makeLine, makeProductInput, makeValidMember, type TestClock } from '../fixtures/factories';
import { openTestShop, rejection, tableCounts } from '../fixtures/test-shop';

const FAST = 1_000; // PBKDF2 iterations in tests; the app uses PIN_ITERATIONS.
const PIN = { name: '李店长', pin: '246810', repeat: '246810' };

let db: ShopDB;
let clock: TestClock;
let owner: CommandContext;
let assistant: CommandContext;
let ownerRow: Staff;
let assistantRow: Staff;

beforeEach(async () => {
  const shop = await openTestShop({ role: 'system', actorId: null as unknown as string });
  ({ db, clock } = shop);
  ownerRow = await setUpOwner(db, PIN, shop.ctx, FAST);
  owner = { ...shop.ctx, actorId: ownerRow.id, role: 'owner' };
  assistantRow = await addAssistant(db, { name: '小王', pin: '135790', repeat: '135790' }, owner, FAST);
  assistant = { ...shop.ctx, actorId: assistantRow.id, role: 'assistant' };
});

afterEach(async () => {
  await db.delete();
});

describe('staff and PINs', () => {
  it('keeps one owner and named assistants, PINs only as salted hashes', async () => {
    expect(await activeStaffList(db)).toEqual([
      { id: ownerRow.id, name: '李店长', role: 'owner' },
      { id: assistantRow.id, name: '小王', role: 'assistant' },
    ]);
    const stored = await db.staff.get(ownerRow.id);
    expect(JSON.stringify(stored)).not.toContain('246810');
    expect(stored?.pin.iterations).toBe(FAST);
    expect(await rejection(setUpOwner(db, PIN, owner, FAST))).toMatchObject({ detail: { code: 'access', reason: 'ownerExists' } });
    expect(await rejection(addAssistant(db, { name: ' ', pin: '111111', repeat: '111111' }, owner, FAST))).toMatchObject({
      detail: { code: 'access', reason: 'nameRequired' },
    });
    expect(await rejection(addAssistant(db, { name: '小李', pin: '1111', repeat: '1111' }, owner, FAST))).toMatchObject({
      detail: { code: 'access', reason: 'pinFormat' },
    });
  });

  it('unlocks with the right PIN; after five wrong ones waits 30 s, then 60 s, even for the right PIN', async () => {
    expect((await unlock(db, { staffId: assistantRow.id, pin: '135790' }, assistant)).role).toBe('assistant');
    for (let i = 1; i <= 4; i++)
      expect(await rejection(unlock(db, { staffId: assistantRow.id, pin: '000000' }, assistant))).toMatchObject({
        detail: { code: 'access', reason: 'wrongPin' },
      });
    expect(await rejection(unlock(db, { staffId: assistantRow.id, pin: '000000' }, assistant))).toMatchObject({
      detail: { code: 'access', reason: 'wrongPin', waitMs: 30_000 },
    });
    clock.advance(29_000);
    expect(await rejection(unlock(db, { staffId: assistantRow.id, pin: '135790' }, assistant))).toMatchObject({
      detail: { code: 'access', reason: 'wait', waitMs: 1_000 },
    });
    clock.advance(1_000);
    expect(await rejection(unlock(db, { staffId: assistantRow.id, pin: '000000' }, assistant))).toMatchObject({
      detail: { code: 'access', reason: 'wrongPin', waitMs: 60_000 },
    });
    clock.advance(60_000);
    expect((await unlock(db, { staffId: assistantRow.id, pin: '135790' }, assistant)).id).toBe(assistantRow.id);
    // Success starts the count again: four more wrong PINs do not wait.
    for (let i = 1; i <= 4; i++) await rejection(unlock(db, { staffId: assistantRow.id, pin: '000000' }, assistant));
    expect((await unlock(db, { staffId: assistantRow.id, pin: '135790' }, assistant)).id).toBe(assistantRow.id);
    expect((await auditEntries(db)).filter((a) => a.action === 'unlockFailed')).toHaveLength(10);
  });

  it('lets the owner change a PIN and remove an assistant, who can then no longer unlock', async () => {
    await changePin(db, { staffId: assistantRow.id, pin: '864200', repeat: '864200' }, owner, FAST);
    expect(await rejection(unlock(db, { staffId: assistantRow.id, pin: '135790' }, assistant))).toMatchObject({ detail: { reason: 'wrongPin' } });
    expect((await unlock(db, { staffId: assistantRow.id, pin: '864200' }, assistant)).id).toBe(assistantRow.id);
    expect(await rejection(removeAssistant(db, ownerRow.id, owner))).toMatchObject({ detail: { code: 'access', reason: 'lastOwner' } });
    await removeAssistant(db, assistantRow.id, owner);
    expect((await activeStaffList(db)).map((s) => s.name)).toEqual(['李店长']);
    expect(await rejection(unlock(db, { staffId: assistantRow.id, pin: '864200' }, assistant))).toMatchObject({ detail: { code: 'notFound' } });
    expect((await auditEntries(db)).filter((a) => a.action === 'staff').map((a) => a.detail)).toEqual([
      'remove assistant',
      'change PIN',
      'add assistant',
      'add owner',
    ]);
  });
});

describe('owner-only commands refuse an assistant, writing nothing', () => {
  it.each<[string, (ctx: CommandContext) => Promise<unknown>]>([
    ['saveSettings', async (c) => saveSettings(db, { ...(await getSettings(db)), storeName: '新名字' }, c)],
    ['saveTiers', (c) => saveTiers(db, [], c)],
    ['saveProduct', (c) => saveProduct(db, makeProductInput(), c)],
    ['archiveProduct', (c) => archiveProduct(db, 'p1', c)],
    ['saveCouponTemplate', (c) => saveCouponTemplate(db, {} as never, c)],
    ['saveGift', (c) => saveGift(db, {} as never, c)],
    ['saveCampaign', (c) => saveCampaign(db, {} as never, c)],
    ['saveCareSettings', (c) => saveCareSettings(db, CARE_DEFAULTS, c)],
    ['saveMessageTemplates', (c) => saveMessageTemplates(db, {}, c)],
    ['adjustPoints', (c) => adjustPoints(db, { memberId: 'm1', points: 100, reason: '补偿' }, c)],
    ['refundTopUp', (c) => refundTopUp(db, { topUpId: 't1' }, c)],
    ['commitMemberImport', (c) => commitMemberImport(db, [], c)],
    ['replaceShop', (c) => replaceShop(db, [], c)],
    ['clearShop', (c) => clearShop(db, c)],
    ['recordExport (backup)', (c) => recordExport(db, 'backup', 'plain', c)],
    ['recordExport (CSV)', (c) => recordExport(db, 'export', 'members.csv', c)],
    ['openFreshShop (restore)', (c) => openFreshShop('huiyuanbao-r1-test', { ctx: c, resetAccess: false })],
    ['eraseMember', (c) => eraseMember(db, { memberId: 'm1', ownerPin: '246810' }, c)],
    ['addAssistant', (c) => addAssistant(db, { name: '小赵', pin: '111111', repeat: '111111' }, c, FAST)],
    ['changePin', (c) => changePin(db, { staffId: ownerRow.id, pin: '111111', repeat: '111111' }, c, FAST)],
    ['removeAssistant', (c) => removeAssistant(db, assistantRow.id, c)],
  ])('%s', async (_name, run) => {
    const before = await tableCounts(db);
    const e = await rejection(run(assistant));
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).detail.code).toBe('forbidden');
    expect(await tableCounts(db)).toEqual(before);
    // The app itself (start-up, daily jobs) is not the owner either.
    expect(((await rejection(run({ ...assistant, role: 'system' }))) as DomainError).detail.code).toBe('forbidden');
  });

  it('while the counter work goes on: register, sell, top up', async () => {
    const m = await registerMember(db, makeValidMember(), assistant);
    const { sale } = await commitCheckout(db, { memberId: m.id, lines: [makeLine({ unitPriceFen: 5000 })], paymentMethod: 'cash' }, assistant);
    expect(sale.assistantId).toBe(assistantRow.id);
    await topUp(db, { memberId: m.id, amountFen: 10_000, paymentMethod: 'cash' }, assistant);
    expect((await db.members.get(m.id))?.registeredBy).toBe(assistantRow.id);
  });
});

describe('the audit log', () => {
  it('records who changed what and when, for each sensitive action', async () => {
    const m = await registerMember(db, makeValidMember(), owner);
    clock.advance(1_000);
    await adjustPoints(db, { memberId: m.id, points: 50, reason: '补偿' }, owner);
    clock.advance(1_000);
    await saveSettings(db, { ...(await getSettings(db)), storeName: '小鹿母婴', pointsExpiryMonths: 6 }, owner);
    clock.advance(1_000);
    await recordExport(db, 'export', 'members.csv', owner);
    const log = await auditEntries(db);
    expect(log.slice(0, 3).map((a) => [a.action, a.actorId, a.subjectId, a.detail])).toEqual([
      ['export', ownerRow.id, null, 'members.csv'],
      ['settings', ownerRow.id, null, 'storeName, pointsExpiryMonths'],
      ['adjustPoints', ownerRow.id, m.id, '+50'],
    ]);
    expect(log[0]!.at - log[2]!.at).toBe(2_000);
  });
});
