import { describe, expect, it } from 'vitest';
import { addMonths, isIsoDate, localDateOf } from '../../src/lib/domain/clock';
import { deriveAggregates, findDrift } from '../../src/lib/domain/ledger';
import { normalizePhone } from '../../src/lib/domain/phone';
import { validateProduct } from '../../src/lib/domain/product';
import { DEFAULT_SETTINGS } from '../../src/lib/domain/settings';
import type { TierInput } from '../../src/lib/domain/tier';
import {
  generateShop,
  SHOP_TABLES,
  shopWindowStart,
  type ShopBatch,
  type ShopRows,
  type ShopSpec,
  type ShopTable,
} from '../../src/lib/demo/generate';

const TIERS: TierInput[] = [
  { name: '普通', thresholdFen: 0, discountBp: 9500, pointsMultiplierBp: 10000, perks: '' },
  { name: '银卡', thresholdFen: 200_000, discountBp: 9000, pointsMultiplierBp: 12000, perks: '' },
  { name: '金卡', thresholdFen: 500_000, discountBp: 8000, pointsMultiplierBp: 15000, perks: '' },
  { name: '白金卡', thresholdFen: 1_000_000, discountBp: 7500, pointsMultiplierBp: 20000, perks: '专属顾问' },
];

const SPEC: ShopSpec = {
  seed: 20260301,
  members: 50,
  sales: 400,
  months: 6,
  endAt: new Date(2026, 2, 1, 18, 30).getTime(),
  storeName: '贝贝母婴生活馆',
  tiers: TIERS,
};

type Shop = { [K in ShopTable]: ShopRows[K][] };

function collect(spec: ShopSpec, perBatch?: number): { shop: Shop; batches: ShopBatch[] } {
  const shop = Object.fromEntries(SHOP_TABLES.map((t) => [t, []])) as unknown as Shop;
  const batches = [...generateShop(spec, perBatch)];
  for (const batch of batches)
    for (const table of SHOP_TABLES) (shop[table] as unknown[]).push(...((batch[table] ?? []) as unknown[]));
  return { shop, batches };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const { shop, batches } = collect(SPEC, 100);

describe('generateShop', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    expect(JSON.stringify(collect(SPEC, 100).batches)).toBe(JSON.stringify(batches));
    const other = collect({ ...SPEC, seed: SPEC.seed + 1 }).shop;
    expect(other.members[0]?.phone).not.toBe(shop.members[0]?.phone);
    expect(JSON.stringify(other.sales)).not.toBe(JSON.stringify(shop.sales));
  });

  it('yields setup first, then sales in bounded batches, members last', () => {
    expect(Object.keys(batches[0] ?? {}).sort()).toEqual(['products', 'settings', 'tiers']);
    const saleBatches = batches.slice(1, -1);
    expect(saleBatches.length).toBeGreaterThanOrEqual(4);
    for (const b of saleBatches) {
      expect(b.members).toBeUndefined();
      expect((b.sales ?? []).length).toBeLessThanOrEqual(100);
    }
    expect(batches.at(-1)?.members?.length).toBe(50);
  });

  it('makes the counts the spec asks for', () => {
    expect(shop.sales).toHaveLength(SPEC.sales);
    expect(shop.members).toHaveLength(SPEC.members);
    expect(shop.tiers.map((t) => t.name)).toEqual(['普通', '银卡', '金卡', '白金卡']);
    expect(shop.settings).toEqual([
      { key: 'shop', value: { ...DEFAULT_SETTINGS, storeName: SPEC.storeName, pointsEarnRateBp: 10000, pointsExpiryMonths: 12 } },
    ]);
    expect(shop.products.length).toBeGreaterThanOrEqual(35);
    expect(shop.babies.length / shop.members.length).toBeGreaterThan(0.6);
    expect(shop.babies.length / shop.members.length).toBeLessThan(1.5);
    const registrations = shop.tierHistory.filter((h) => h.reason === 'registration');
    expect(registrations.map((h) => h.memberId).sort()).toEqual(shop.members.map((m) => m.id).sort());
  });

  it('gives every member a valid, unique mobile number and phoneRev', () => {
    const phones = shop.members.map((m) => m.phone);
    expect(new Set(phones).size).toBe(phones.length);
    for (const m of shop.members) {
      expect(normalizePhone(m.phone)).toEqual({ ok: true, phone: m.phone });
      expect(m.phoneRev).toBe([...m.phone].reverse().join(''));
    }
  });

  it('uses unique UUIDs for every row id', () => {
    // A visit's score has its sale's id (one answer per visit).
    const ids = SHOP_TABLES.filter((t) => t !== 'settings' && t !== 'feedback').flatMap((t) =>
      shop[t].map((r) => (r as { id: string }).id),
    );
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('scores some member sales 1–5, each after its own sale and by its member', () => {
    const sales = new Map(shop.sales.map((s) => [s.id, s]));
    expect(shop.feedback.length).toBeGreaterThan(0);
    for (const f of shop.feedback) {
      const sale = sales.get(f.id);
      expect(sale?.refundOf).toBeNull();
      expect(f).toMatchObject({ memberId: sale?.memberId, source: 'sale', subjectId: f.id });
      expect(f.at).toBeGreaterThan(sale?.at ?? Infinity);
      expect([1, 2, 3, 4, 5]).toContain(f.score);
    }
  });

  it('has products a shop would stock: valid, unique 13-digit barcodes, prices in whole fen', () => {
    expect(new Set(shop.products.map((p) => p.sku)).size).toBe(shop.products.length);
    expect(shop.products.some((p) => p.sku.startsWith('0'))).toBe(true);
    for (const p of shop.products) {
      expect(validateProduct(p)).toEqual({});
      expect(p.sku).toMatch(/^\d{13}$/);
      expect(p.priceFen).toBeGreaterThanOrEqual(2990);
      expect(p.priceFen).toBeLessThanOrEqual(39800);
      if (p.category === '奶粉') expect(p.formulaStage).not.toBeNull();
    }
  });

  it('leaves no drift: every cached aggregate equals what its ledgers derive', () => {
    let withSales = 0;
    for (const m of shop.members) {
      const sales = shop.sales.filter((s) => s.memberId === m.id);
      const points = shop.pointsLedger.filter((p) => p.memberId === m.id);
      if (sales.length > 0) withSales++;
      expect(findDrift(m, deriveAggregates(sales, points), shop.tiers)).toEqual([]);
    }
    expect(withSales).toBeGreaterThan(SPEC.members * 0.7);
  });

  it('keeps sales in time order, inside the window and shop hours, members joined before buying', () => {
    const start = shopWindowStart(SPEC);
    const joined = new Map(shop.members.map((m) => [m.id, m.joinedOn]));
    let previous = -Infinity;
    for (const s of shop.sales) {
      expect(s.at).toBeGreaterThanOrEqual(Math.max(previous, start));
      expect(s.at).toBeLessThanOrEqual(SPEC.endAt);
      const hour = new Date(s.at).getHours();
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(21);
      if (s.memberId) expect(joined.get(s.memberId)! <= localDateOf(s.at)).toBe(true);
      previous = s.at;
    }
    const historyTimes = shop.tierHistory.map((h) => h.at);
    expect(historyTimes).toEqual([...historyTimes].sort((a, b) => a - b));
    for (const at of historyTimes) expect(new Date(at).getHours()).toBeGreaterThanOrEqual(9);
  });

  it('has formula buyers coming back when their cans run out (daysPerUnit × qty)', () => {
    const days = new Map(shop.products.map((p) => [p.id, p.daysPerUnit ?? 0]));
    const last = new Map<string, { at: number; lasts: number }>();
    const ratios: number[] = [];
    for (const s of shop.sales) {
      const can = s.lines.find((l) => l.category === '奶粉');
      if (!s.memberId || !can) continue;
      const prev = last.get(s.memberId);
      if (prev) ratios.push((s.at - prev.at) / 86_400_000 / prev.lasts);
      last.set(s.memberId, { at: s.at, lasts: (days.get(can.productId!) ?? 0) * can.qty });
    }
    ratios.sort((a, b) => a - b);
    expect(ratios.length).toBeGreaterThan(10);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    expect(median).toBeGreaterThan(0.8);
    expect(median).toBeLessThan(1.4);
  });

  it('records points entries that match each sale', () => {
    const bySale = new Map(shop.pointsLedger.map((p) => [p.saleId, p]));
    expect(bySale.size).toBe(shop.pointsLedger.length);
    for (const s of shop.sales) {
      const entry = bySale.get(s.id);
      if (s.memberId === null) expect(s.pointsEarned).toBe(0);
      if (s.pointsEarned > 0)
        expect(entry).toMatchObject({ memberId: s.memberId, points: s.pointsEarned, at: s.at, kind: 'earn' });
      else expect(entry).toBeUndefined();
      expect(s.totalFen).toBe(s.lines.reduce((sum, l) => sum + l.paidFen, 0));
    }
  });

  it('has about 20 % walk-ins and some heavy buyers', () => {
    const walkIns = shop.sales.filter((s) => s.memberId === null).length / shop.sales.length;
    expect(walkIns).toBeGreaterThan(0.12);
    expect(walkIns).toBeLessThan(0.32);
    const visits = shop.members.map((m) => m.visitCount).sort((a, b) => b - a);
    expect(visits[0]).toBeGreaterThan(15);
    expect(visits.filter((v) => v <= 1).length).toBeGreaterThan(2);
  });

  it('makes plausible profiles and babies', () => {
    const endDate = localDateOf(SPEC.endAt);
    const ids = new Map(shop.members.map((m) => [m.id, m]));
    for (const m of shop.members) {
      expect(isIsoDate(m.joinedOn) && m.joinedOn <= endDate).toBe(true);
      if (m.referrerId) expect(ids.get(m.referrerId)!.joinedOn <= m.joinedOn).toBe(true);
      expect(m.referrerId).not.toBe(m.id);
    }
    expect(shop.members.filter((m) => m.gender === 'female').length).toBeGreaterThan(SPEC.members * 0.6);
    for (const b of shop.babies) {
      expect(ids.has(b.memberId)).toBe(true);
      expect(isIsoDate(b.birthDate)).toBe(true);
      if (b.expecting) {
        expect(b.birthDate > endDate).toBe(true);
        expect(b.birthDate <= addMonths(endDate, 8)).toBe(true);
      } else {
        expect(b.birthDate <= endDate).toBe(true);
        expect(b.birthDate >= addMonths(endDate, -72)).toBe(true);
      }
    }
  });

  it('refuses a spec it cannot honour', () => {
    expect(() => generateShop({ ...SPEC, tiers: [] }).next()).toThrow(RangeError);
    expect(() => generateShop({ ...SPEC, months: 0 }).next()).toThrow(RangeError);
    expect(() => generateShop({ ...SPEC, seed: 1.5 }).next()).toThrow(RangeError);
  });
});
