import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { applyMerge, mergeMembers } from '../../src/lib/db/commands/merge';
import { registerMember } from '../../src/lib/db/commands/members';
import { ensureDefaults, saveProduct } from '../../src/lib/db/commands/settings';
import type { CommandContext } from '../../src/lib/db/context';
import { mergedMembers } from '../../src/lib/db/queries/merge';
import { verify } from '../../src/lib/db/queries/verify';
import { checkRollups } from '../../src/lib/db/rollups';
import { ShopDB } from '../../src/lib/db/shop-db';
import { MEMBER_REFERRING_TABLES } from '../../src/lib/domain/member-merge';
import { buildBackup } from '../../src/lib/io/backup/export';
import { planMerge, type MergePlan } from '../../src/lib/io/backup/merge';
import { inspectBackup, restoreIntoFreshDb } from '../../src/lib/io/backup/restore';
import { BACKUP_REFERENCES } from '../../src/lib/io/csv/backup-columns';
import { localInstant, makeLine, makeProductInput, makeValidMember, TIER_INPUTS } from '../fixtures/factories';
import { openTestShop, rejection, type TestShop } from '../fixtures/test-shop';

let a: TestShop;
let b: ShopDB;
let ctxB: CommandContext;
const T = localInstant(2026, 3, 1, 10);

function ctxAt(base: CommandContext, at: number): CommandContext {
  return { ...base, clock: { now: () => at }, newId: () => crypto.randomUUID() };
}

async function inspected(db: ShopDB) {
  const { bytes } = await buildBackup(db, { now: T, appVersion: '0.1.0', passphrase: null });
  const r = await inspectBackup(bytes, { fileName: 'other.zip', passphrase: null });
  if (!r.ok) throw new Error(JSON.stringify(r.issues.items));
  return r.backup;
}

async function plan(from: ShopDB, into: ShopDB, now = T + 10_000): Promise<MergePlan> {
  return planMerge(await inspected(from), into, { now });
}

const added = (p: MergePlan, table: string) => p.summary.counts[table]?.add ?? 0;

beforeEach(async () => {
  a = await openTestShop({ at: T });
  a.ctx = ctxAt(a.ctx, T);
  // Device B starts as a restore of A's backup, then both devices carry on on their own.
  const name = `b-${crypto.randomUUID()}`;
  await restoreIntoFreshDb(await inspected(a.db), name, { ctx: a.ctx, resetAccess: false });
  b = new ShopDB(name);
  await b.open();
  ctxB = ctxAt(a.ctx, T + 60_000);
});

afterEach(async () => {
  a.db.close();
  await a.db.delete();
  b.close();
  await Dexie.delete(b.name);
});

describe('merge a backup from another device', () => {
  it('adds the other device’s sales, keeps the newer edit, and makes one member of one phone', async () => {
    const shared = await registerMember(a.db, makeValidMember({ name: '共同', phone: '13900000001' }), a.ctx);
    const edited = await registerMember(a.db, makeValidMember({ name: '旧名', phone: '13900000002' }), a.ctx);
    // B gets both members through a second restore-like merge: simplest, merge A into B first.
    await applyMerge(b, await plan(a.db, b), ctxB);
    expect(await b.members.count()).toBe(2);

    // On B: a sale for the shared member, a rename (later), and a new member 李 with phone …03.
    await commitCheckout(b, { memberId: shared.id, lines: [makeLine({ unitPriceFen: 12_000, qty: 1 })], paymentMethod: 'cash' }, ctxB);
    await b.members.update(edited.id, { name: '新名', updatedAt: T + 90_000 });
    const li = await registerMember(b, makeValidMember({ name: '李', phone: '13900000003', wechat: 'li-wx', tags: ['二胎'] }), ctxB);
    await commitCheckout(b, { memberId: li.id, lines: [makeLine({ unitPriceFen: 5_000, qty: 2 })], paymentMethod: 'cash' }, ctxB);
    // On A: the same phone …03 registered as 李丽 (no wechat), and an earlier edit of the renamed one.
    const lili = await registerMember(a.db, makeValidMember({ name: '李丽', phone: '13900000003', tags: ['VIP'] }), a.ctx);
    await a.db.members.update(edited.id, { notes: 'A 的备注', updatedAt: T + 30_000 });

    const p = await plan(b, a.db);
    expect(p.summary.conflicts).toEqual([
      { kind: 'samePhone', phone: '13900000003', localId: lili.id, localName: '李丽', incomingId: li.id, incomingName: '李' },
    ]);
    // The shared member too: her record on B is newer (the sale updated her balances).
    expect(p.summary.counts.members).toEqual({ add: 0, update: 3, unchanged: 0, keptLocal: 0, skipped: 0 });
    expect(added(p, 'sales')).toBe(2);
    expect(p.summary.counts.dailyRollups?.skipped).toBeGreaterThan(0);

    await applyMerge(a.db, p, a.ctx);
    const merged = await a.db.members.get(lili.id);
    expect(merged).toMatchObject({ name: '李丽', wechat: 'li-wx', tags: ['VIP', '二胎'], lifetimeSpendFen: 10_000, visitCount: 1 });
    expect(await a.db.members.get(li.id)).toBeUndefined();
    expect((await a.db.sales.where('[memberId+at]').between([lili.id, -Infinity], [lili.id, Infinity]).toArray()).map((s) => s.totalFen)).toEqual([10_000]);
    expect((await a.db.members.get(edited.id))?.name).toBe('新名');
    expect((await a.db.members.get(shared.id))?.lifetimeSpendFen).toBe(12_000);
    expect(await mergedMembers(a.db)).toEqual({ [li.id]: lili.id });
    expect((await verify(a.db)).drifts).toEqual([]);
    expect((await checkRollups(a.db)).drifts).toEqual([]);
    expect((await a.db.auditLog.toArray()).some((e) => e.action === 'merge')).toBe(true);

    // The same file again changes nothing: every row is unchanged, skipped or ours.
    const again = await plan(b, a.db);
    expect([...again.writes.values()].every((w) => w.add.length === 0)).toBe(true);
    expect(again.summary.conflicts).toEqual([]);
    expect(again.summary.counts.members?.skipped).toBe(1);
  });

  it('keeps this device’s row on a tie, and never replaces a ledger row', async () => {
    const m = await registerMember(a.db, makeValidMember({ phone: '13900000009' }), a.ctx);
    await applyMerge(b, await plan(a.db, b), ctxB);
    await b.members.update(m.id, { name: 'B 改', updatedAt: m.updatedAt + 5 });
    await a.db.members.update(m.id, { name: 'A 改', updatedAt: m.updatedAt + 5 });
    const entry = (await b.tierHistory.toArray())[0];
    if (!entry) throw new Error('no tier history');
    await b.tierHistory.put({ ...entry, reason: 'rules' });
    const p = await plan(b, a.db);
    expect(p.summary.counts.members?.keptLocal).toBe(1);
    expect(p.summary.counts.tierHistory?.keptLocal).toBe(1);
    await applyMerge(a.db, p, a.ctx);
    expect((await a.db.members.get(m.id))?.name).toBe('A 改');
  });

  it('counts an expiry both devices wrote once, and one product of one sku', async () => {
    const m = await registerMember(a.db, makeValidMember({ phone: '13900000011' }), a.ctx);
    const lot = { memberId: m.id, at: T, kind: 'earn' as const, points: 100, saleId: null, expiresAt: T + 1, lotId: null, reason: '', createdAt: T, updatedAt: T };
    await a.db.pointsLedger.add({ ...lot, id: 'lot-1' });
    await a.db.members.update(m.id, { pointsBalance: 100 });
    await applyMerge(b, await plan(a.db, b), ctxB);
    const expire = { ...lot, kind: 'expire' as const, points: -100, expiresAt: null, lotId: 'lot-1', at: T + 2 };
    await a.db.pointsLedger.add({ ...expire, id: 'exp-a' });
    await a.db.members.update(m.id, { pointsBalance: 0 });
    await b.pointsLedger.add({ ...expire, id: 'exp-b' });
    const pa = await saveProduct(a.db, makeProductInput({ sku: 'SAME-1', name: 'A 的奶粉' }), a.ctx);
    const pb = await saveProduct(b, makeProductInput({ sku: 'SAME-1', name: 'B 的奶粉', priceFen: 9_900 }), ctxB);
    await commitCheckout(b, { memberId: m.id, lines: [makeLine({ productId: pb.id, sku: 'SAME-1', unitPriceFen: 9_900 })], paymentMethod: 'cash' }, ctxB);

    const p = await plan(b, a.db);
    expect(p.summary.counts.pointsLedger?.skipped).toBe(1);
    expect(p.summary.conflicts).toContainEqual({ kind: 'sameSku', sku: 'SAME-1', localId: pa.id, incomingId: pb.id, name: 'A 的奶粉' });
    await applyMerge(a.db, p, a.ctx);
    expect(await a.db.pointsLedger.filter((e) => e.lotId === 'lot-1').count()).toBe(1);
    expect(await a.db.products.where('sku').equals('SAME-1').toArray()).toMatchObject([{ id: pa.id, name: 'B 的奶粉', priceFen: 9_900 }]);
    const sale = (await a.db.sales.toArray()).find((s) => s.lines[0]?.sku === 'SAME-1');
    expect(sale?.lines[0]?.productId).toBe(pa.id);
    expect((await verify(a.db)).drifts).toEqual([]);
  });

  it('writes nothing when a row it meant to add appeared meanwhile', async () => {
    const m = await registerMember(b, makeValidMember({ phone: '13900000021' }), ctxB);
    const p = await plan(b, a.db);
    await a.db.members.add({ ...m });
    const before = await a.db.members.count();
    expect(await rejection(applyMerge(a.db, p, a.ctx))).toMatchObject({ name: 'BulkError' });
    expect(await a.db.members.count()).toBe(before);
    expect(await a.db.auditLog.filter((e) => e.action === 'merge').count()).toBe(0);
  });

  it('makes one tier of a tier of the same name when the two devices were set up on their own', async () => {
    const name = `c-${crypto.randomUUID()}`;
    const c = new ShopDB(name);
    const ctxC = ctxAt(a.ctx, T + 60_000);
    await ensureDefaults(c, { storeName: '测试母婴店', tiers: [...TIER_INPUTS] }, ctxC);
    const m = await registerMember(c, makeValidMember({ name: '周', phone: '13900000009' }), ctxC);
    const sale = await commitCheckout(c, { memberId: m.id, lines: [makeLine({ unitPriceFen: 120_000, qty: 1 })], paymentMethod: 'cash' }, ctxC);
    try {
      const p = await plan(c, a.db);
      const sameTier = p.summary.conflicts.flatMap((x) => (x.kind === 'sameTier' ? [x.name] : []));
      expect(sameTier.sort()).toEqual(TIER_INPUTS.map((t) => t.name).sort());
      expect(p.summary.counts.tiers).toMatchObject({ add: 0, keptLocal: 4 });
      await applyMerge(a.db, p, a.ctx);
      const ours = new Set(a.tiers.map((t) => t.id));
      expect(await a.db.tiers.count()).toBe(4);
      // ¥1,200 of spend: silver here too, under this device's id.
      expect((await a.db.members.get(m.id))?.tierId).toBe(a.tiers[1]?.id);
      expect(ours.has(String((await a.db.sales.get(sale.sale.id))?.tierId))).toBe(true);
      const history = (await a.db.tierHistory.toArray()).filter((h) => h.memberId === m.id);
      expect(history.length).toBeGreaterThan(0);
      for (const h of history) expect([h.fromTierId, h.toTierId].every((id) => id === null || ours.has(id))).toBe(true);
      expect((await verify(a.db)).drifts).toEqual([]);
    } finally {
      c.close();
      await Dexie.delete(name);
    }
  });

  it('is for the owner only', async () => {
    const p = await plan(b, a.db);
    expect(await rejection(applyMerge(a.db, p, { ...a.ctx, role: 'assistant' }))).toMatchObject({ detail: { code: 'forbidden' } });
  });
});

describe('merge two members', () => {
  it('re-points her babies, sales and ledgers to the kept record in one go, and recounts', async () => {
    const keep = await registerMember(a.db, makeValidMember({ name: '王芳', phone: '13900000031' }), a.ctx);
    const drop = await registerMember(
      a.db,
      makeValidMember({ name: '王芳芳', phone: '13900000032', email: 'w@x.cn', babies: [{ nickname: '豆豆', gender: 'boy', birthDate: '2025-06-01', expecting: false }] }),
      a.ctx,
    );
    const friend = await registerMember(a.db, makeValidMember({ name: '朋友', phone: '13900000033', referrerId: drop.id }), a.ctx);
    await commitCheckout(a.db, { memberId: keep.id, lines: [makeLine({ unitPriceFen: 3_000 })], paymentMethod: 'cash' }, a.ctx);
    await commitCheckout(a.db, { memberId: drop.id, lines: [makeLine({ unitPriceFen: 7_000 })], paymentMethod: 'cash' }, a.ctx);

    const merged = await mergeMembers(a.db, keep.id, drop.id, a.ctx);
    expect(merged).toMatchObject({ id: keep.id, name: '王芳', email: 'w@x.cn', phone: '13900000031', lifetimeSpendFen: 10_000, visitCount: 2 });
    expect(await a.db.members.get(drop.id)).toBeUndefined();
    for (const table of MEMBER_REFERRING_TABLES) expect(await a.db.table(table).where('memberId').equals(drop.id).count().catch(() => 0)).toBe(0);
    expect(await a.db.babies.where('memberId').equals(keep.id).count()).toBe(1);
    expect((await a.db.members.get(friend.id))?.referrerId).toBe(keep.id);
    expect(await mergedMembers(a.db)).toEqual({ [drop.id]: keep.id });
    expect((await verify(a.db)).drifts).toEqual([]);
  });

  it('lists every table whose rows name a member', () => {
    const fromBackup = Object.entries(BACKUP_REFERENCES)
      .filter(([table, fields]) => table !== 'members' && Object.values(fields).includes('members'))
      .map(([table]) => table);
    expect([...MEMBER_REFERRING_TABLES].sort()).toEqual(fromBackup.sort());
  });
});
