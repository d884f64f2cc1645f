import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateShop, type ShopBatch, type ShopSpec } from '../../src/lib/demo/generate';
import { clearShop, replaceShop } from '../../src/lib/db/commands/demo';
import { getSettings, getTiers } from '../../src/lib/db/queries/settings';
import { verify } from '../../src/lib/db/queries/verify';
import { ShopDB } from '../../src/lib/db/shop-db';
import { tableCounts, ownerContext } from '../fixtures/test-shop';

const SPEC: ShopSpec = {
  seed: 11,
  members: 40,
  sales: 300,
  months: 4,
  endAt: new Date(2026, 2, 1, 20, 0).getTime(),
  storeName: '贝贝母婴',
  tiers: [
    { name: '普通', thresholdFen: 0, discountBp: 9500, pointsMultiplierBp: 10000, perks: '' },
    { name: '金卡', thresholdFen: 300_000, discountBp: 8800, pointsMultiplierBp: 15000, perks: '' },
  ],
};

function expectedCounts(batches: readonly ShopBatch[]) {
  const counts: Record<string, number> = {};
  for (const b of batches)
    for (const [table, rows] of Object.entries(b)) counts[table] = (counts[table] ?? 0) + rows.length;
  return counts;
}

const dbs: ShopDB[] = [];
function freshDb(): ShopDB {
  const db = new ShopDB(`t-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('replaceShop', () => {
  it('writes a generated shop whose caches verify without drift', async () => {
    const db = freshDb();
    const batches = [...generateShop(SPEC, 100)];
    const expected = expectedCounts(batches);
    const progress: number[] = [];
    const { rows } = await replaceShop(db, generateShop(SPEC, 100), ownerContext(), (n) => progress.push(n));

    expect(await tableCounts(db, Object.keys(expected))).toEqual(expected);
    expect(expected.sales).toBe(SPEC.sales);
    expect(expected.members).toBe(SPEC.members);
    expect(rows).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    expect(progress.at(-1)).toBe(rows);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const report = await verify(db);
    expect(report.membersChecked).toBe(SPEC.members);
    expect(report.drifts).toEqual([]);
    expect((await getSettings(db)).storeName).toBe('贝贝母婴');
    expect((await getTiers(db)).map((t) => t.name)).toEqual(['普通', '金卡']);
  });

  it('replaces the previous shop instead of adding to it', async () => {
    const db = freshDb();
    await replaceShop(db, generateShop(SPEC), ownerContext());
    await db.table('contacts').add({ id: 'c1', createdAt: 0, updatedAt: 0 });
    const other = { ...SPEC, seed: 12, members: 30, sales: 200 };
    await replaceShop(db, generateShop(other), ownerContext());

    const expected = expectedCounts([...generateShop(other)]);
    expect(await tableCounts(db, Object.keys(expected))).toEqual(expected);
    expect(await db.table('contacts').count()).toBe(0);
    expect((await verify(db)).drifts).toEqual([]);

    await replaceShop(db, generateShop(other), ownerContext());
    expect(await tableCounts(db, Object.keys(expected))).toEqual(expected);
  });

  it('leaves the previous shop untouched when a load fails midway', async () => {
    const db = freshDb();
    await replaceShop(db, generateShop(SPEC), ownerContext());
    const before = await tableCounts(db, ['members', 'sales', 'pointsLedger', 'products', 'settings']);
    const firstMember = (await db.members.toCollection().first())!;

    // A second shop whose fourth batch repeats a sale already written: the load fails halfway.
    const other = [...generateShop({ ...SPEC, seed: 99 }, 100)];
    const duplicate = other.flatMap((b) => b.sales ?? [])[0]!;
    const broken: ShopBatch[] = [...other.slice(0, 3), { sales: [duplicate] }, ...other.slice(3)];
    expect(other.length).toBeGreaterThan(4);
    let written = 0;
    await expect(replaceShop(db, broken, ownerContext(), (n) => (written = n))).rejects.toThrow();
    expect(written).toBeGreaterThan(0);

    expect(await tableCounts(db, Object.keys(before))).toEqual(before);
    expect(await db.members.get(firstMember.id)).toEqual(firstMember);
    expect(await db.sales.get(duplicate.id)).toBeUndefined();
    expect((await verify(db)).drifts).toEqual([]);
  });

  it('pulls a lazy generator batch by batch inside the transaction', async () => {
    const db = freshDb();
    const pulled: number[] = [];
    function* tracked() {
      let i = 0;
      for (const b of generateShop(SPEC, 50)) {
        pulled.push(i++);
        yield b;
      }
    }
    await replaceShop(db, tracked(), ownerContext());
    expect(pulled.length).toBeGreaterThan(5);
    expect(await db.sales.count()).toBe(SPEC.sales);
  });
});

describe('clearShop', () => {
  it('empties every table but the staff and the audit log, which records the clearing', async () => {
    const db = freshDb();
    await replaceShop(db, generateShop(SPEC), ownerContext());
    await db.staff.add({ id: 's1', name: '店主', role: 'owner', pin: { salt: '', hash: '', iterations: 1 }, createdAt: 1, updatedAt: 1 });
    await clearShop(db, ownerContext());
    for (const table of db.tables) if (table.name !== 'staff' && table.name !== 'auditLog') expect(await table.count()).toBe(0);
    expect(await db.staff.count()).toBe(1);
    expect((await db.auditLog.toArray()).map((a) => a.action).sort()).toEqual(['replaceShop', 'wipe']);
  });
});
