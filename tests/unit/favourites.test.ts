import { describe, expect, it } from 'vitest';
import { favourites } from '../../src/lib/domain/favourites';

type L = [brand: string, category: string, paidFen: number];
const sale = (id: string, lines: L[], refundOf: string | null = null) => ({
  id,
  refundOf,
  lines: lines.map(([brand, category, paidFen]) => ({ brand, category, paidFen })),
});

describe('favourites', () => {
  const sales = [
    sale('s1', [['飞鹤', '奶粉', 30_000], ['帮宝适', '纸尿裤', 10_000]]),
    sale('s2', [['飞鹤', '奶粉', 30_000]]),
    sale('s3', [['花王', '纸尿裤', 12_000], ['嘉宝', '辅食', 2_000]]),
    sale('s4', [['贝亲', '洗护', 5_000], ['', '其他', 1_000]]), // a free amount has no brand
    sale('r1', [['花王', '纸尿裤', -12_000]], 's3'), // 花王 returned in full: gone
  ];

  it('ranks brands and categories by net paid, then purchases, top 3', () => {
    expect(favourites(sales)).toEqual({
      brands: [
        { name: '飞鹤', paidFen: 60_000, purchases: 2 },
        { name: '帮宝适', paidFen: 10_000, purchases: 1 },
        { name: '贝亲', paidFen: 5_000, purchases: 1 },
      ],
      categories: [
        { name: '奶粉', paidFen: 60_000, purchases: 2 },
        // 纸尿裤: 10,000 + 12,000 − 12,000; bought in s1 and s3
        { name: '纸尿裤', paidFen: 10_000, purchases: 2 },
        { name: '洗护', paidFen: 5_000, purchases: 1 },
      ],
    });
  });

  it('breaks a tie on paid by purchases, then by name, and honours the limit', () => {
    const tied = [sale('a', [['B', 'x', 500]]), sale('b', [['A', 'x', 500]]), sale('c', [['C', 'x', 250]]), sale('d', [['C', 'x', 250]])];
    expect(favourites(tied, 2).brands.map((f) => f.name)).toEqual(['C', 'A']);
    expect(favourites([])).toEqual({ brands: [], categories: [] });
  });
});
