import { describe, expect, it } from 'vitest';
import { couponCode, couponDiscount, couponRefusal, eligibleAmount } from '../../src/lib/domain/coupon';
import { makeCoupon } from '../fixtures/loyalty';

const NOW = 1_772_000_000_000;
const lines = [
  { category: '奶粉', amountFen: 15_000 },
  { category: '纸尿裤', amountFen: 10_000 },
];

describe('couponRefusal', () => {
  it('accepts her own unused, unexpired coupon', () => {
    expect(couponRefusal(makeCoupon({ expiresAt: NOW + 1 }), 'm1', lines, NOW)).toBeNull();
  });

  it("refuses someone else's coupon, and a walk-in", () => {
    expect(couponRefusal(makeCoupon({ memberId: 'm2' }), 'm1', lines, NOW)).toBe('notHers');
    expect(couponRefusal(makeCoupon(), null, lines, NOW)).toBe('notHers');
  });

  it('refuses a used coupon', () => {
    expect(couponRefusal(makeCoupon({ usedSaleId: 's1', usedAt: NOW - 1 }), 'm1', lines, NOW)).toBe('used');
  });

  it('refuses a coupon from the instant it expires', () => {
    expect(couponRefusal(makeCoupon({ expiresAt: NOW }), 'm1', lines, NOW)).toBe('expired');
    expect(couponRefusal(makeCoupon({ expiresAt: NOW }), 'm1', lines, NOW - 1)).toBeNull();
  });

  it('counts the minimum spend on the eligible category only', () => {
    // ¥250 in the cart, but only ¥150 of 奶粉
    const milk = makeCoupon({ category: '奶粉', minSpendFen: 20_000 });
    expect(couponRefusal(milk, 'm1', lines, NOW)).toBe('minSpend');
    expect(couponRefusal(milk, 'm1', [{ category: '奶粉', amountFen: 20_000 }, ...lines.slice(1)], NOW)).toBeNull();
    // the whole-sale coupon counts every line
    expect(couponRefusal(makeCoupon({ minSpendFen: 25_000 }), 'm1', lines, NOW)).toBeNull();
    expect(couponRefusal(makeCoupon({ minSpendFen: 25_001 }), 'm1', lines, NOW)).toBe('minSpend');
  });

  it('refuses a category coupon when the cart has none of it', () => {
    expect(couponRefusal(makeCoupon({ category: '玩具' }), 'm1', lines, NOW)).toBe('noEligibleItems');
  });

  it('gives the first reason in the order: hers, used, expired, items, spend', () => {
    const bad = makeCoupon({ memberId: 'm2', usedSaleId: 's1', expiresAt: NOW, category: '玩具' });
    expect(couponRefusal(bad, 'm1', lines, NOW)).toBe('notHers');
    expect(couponRefusal({ ...bad, memberId: 'm1' }, 'm1', lines, NOW)).toBe('used');
    expect(couponRefusal({ ...bad, memberId: 'm1', usedSaleId: null }, 'm1', lines, NOW)).toBe('expired');
  });
});

describe('couponDiscount', () => {
  it('takes a fixed amount off, never more than the eligible lines cost', () => {
    expect(couponDiscount(makeCoupon({ valueFen: 2_000 }), lines)).toBe(2_000);
    expect(couponDiscount(makeCoupon({ valueFen: 5_000, category: '纸尿裤' }), [{ category: '纸尿裤', amountFen: 3_000 }, lines[0]!])).toBe(3_000);
  });

  it('takes a percentage of the eligible lines off, rounding the price half up', () => {
    // 15 % off ¥123.45: pay 104.9325 → 104.93, off 18.52
    expect(couponDiscount(makeCoupon({ kind: 'percent', percentBp: 8500 }), [{ category: '奶粉', amountFen: 12_345 }])).toBe(1_852);
    // 20 % off the 奶粉 line only
    expect(couponDiscount(makeCoupon({ kind: 'percent', percentBp: 8000, category: '奶粉' }), lines)).toBe(3_000);
  });

  it('knows the eligible amount', () => {
    expect(eligibleAmount({ category: null }, lines)).toBe(25_000);
    expect(eligibleAmount({ category: '纸尿裤' }, lines)).toBe(10_000);
    expect(eligibleAmount({ category: '玩具' }, lines)).toBe(0);
  });
});

describe('couponCode', () => {
  const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

  it('maps each byte onto a 31-character alphabet without 0/O/1/I/L', () => {
    expect(ALPHABET).toHaveLength(31);
    expect(couponCode([0, 1, 2, 3, 4, 5, 6, 7])).toBe('23456789');
    // 8 → A, 30 → Z, 31 and 62 wrap to 2, 255 % 31 = 7 → 9, 254 % 31 = 6 → 8, 9 → B, 10 → C
    expect(couponCode([8, 30, 31, 62, 255, 254, 9, 10])).toBe('AZ2298BC');
  });

  it('always gives 8 readable characters', () => {
    for (let b = 0; b < 256; b++) {
      const code = couponCode([b, 255 - b, (b * 7) % 256, (b * 13) % 256, b, b, b, b]);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    }
    expect(couponCode([])).toBe('22222222');
  });
});
