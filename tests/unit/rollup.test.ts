import { describe, expect, it } from 'vitest';
import {
  addSaleToRollup,
  diffRollups,
  emptyRollup,
  mergeRollups,
  rollupOfSale,
  rollupsOfSales,
} from '../../src/lib/domain/rollup';
import { SALES } from '../fixtures/analytics-shop';

const byId = (id: string) => SALES.find((s) => s.id === id)!;

describe('daily rollups', () => {
  it('turns a sale into its day: one ticket per category and brand, however many lines', () => {
    expect(rollupOfSale(byId('s7'))).toEqual({
      date: '2026-03-16',
      salesFen: 10_000,
      tickets: 1,
      memberSalesFen: 10_000,
      memberTickets: 1,
      refundFen: 0,
      refunds: 0,
      categories: [{ name: '纸尿裤', salesFen: 10_000, tickets: 1 }],
      brands: [
        { name: '帮宝适', salesFen: 6_000, tickets: 1 },
        { name: '花王', salesFen: 4_000, tickets: 1 },
      ],
    });
  });

  it('counts a refund row on its own day, lowering sales, never as a ticket', () => {
    expect(rollupOfSale(byId('r1'))).toMatchObject({
      date: '2026-03-18',
      salesFen: -4_000,
      tickets: 0,
      memberSalesFen: -4_000,
      memberTickets: 0,
      refundFen: -4_000,
      refunds: 1,
      categories: [{ name: '纸尿裤', salesFen: -4_000, tickets: 0 }],
    });
  });

  it('adds sales of one day up; walk-ins count in sales, not member sales', () => {
    const day = [byId('s5'), byId('s6'), byId('s11')].reduce(
      (r, s) => addSaleToRollup(r, s),
      undefined as ReturnType<typeof addSaleToRollup> | undefined,
    );
    expect(day).toEqual({
      date: '2026-03-02',
      salesFen: 15_000,
      tickets: 3,
      memberSalesFen: 10_000,
      memberTickets: 2,
      refundFen: 0,
      refunds: 0,
      categories: [
        { name: '洗护', salesFen: 5_000, tickets: 1 },
        { name: '纸尿裤', salesFen: 8_000, tickets: 1 },
        { name: '辅食', salesFen: 2_000, tickets: 1 },
      ],
      brands: [
        { name: '嘉宝', salesFen: 2_000, tickets: 1 },
        { name: '帮宝适', salesFen: 8_000, tickets: 1 },
        { name: '贝亲', salesFen: 5_000, tickets: 1 },
      ],
    });
    expect(() => mergeRollups(emptyRollup('2026-03-01'), emptyRollup('2026-03-02'))).toThrow(RangeError);
  });

  it('gives the same rows whatever order the sales come in', () => {
    const forward = rollupsOfSales(SALES);
    expect(rollupsOfSales([...SALES].reverse())).toEqual(forward);
    expect(forward.map((r) => r.date)).toEqual([
      '2024-06-01', '2024-08-01', '2025-11-01', '2025-11-11', '2025-11-21', '2025-12-01', '2026-02-20',
      '2026-03-02', '2026-03-05', '2026-03-10', '2026-03-16', '2026-03-18', '2026-03-20', '2026-03-30',
    ]);
    expect(forward.reduce((s, r) => s + r.salesFen, 0)).toBe(SALES.reduce((s, x) => s + x.totalFen, 0));
  });

  it('reports every difference with a recompute', () => {
    const expected = rollupsOfSales(SALES);
    expect(diffRollups(expected, expected)).toEqual([]);
    const stored = expected.map((r) => ({ ...r, categories: [...r.categories].reverse() }));
    expect(diffRollups(stored, expected)).toEqual([]); // cell order does not matter
    const broken = structuredClone(expected);
    broken[0]!.tickets += 1;
    broken[1]!.brands[0]!.salesFen += 1;
    broken.splice(2, 1);
    broken.push({ ...emptyRollup('2027-01-01'), salesFen: 5 }, emptyRollup('2027-01-02'));
    expect(diffRollups(broken, expected)).toEqual([
      { date: '2024-06-01', field: 'tickets' },
      { date: '2024-08-01', field: 'brands' },
      { date: '2025-11-01', field: 'missing' },
      { date: '2027-01-01', field: 'extra' },
    ]);
  });
});
