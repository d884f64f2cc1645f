import { describe, expect, it } from 'vitest';
import { pointsBalance, pointsEarned } from '../../src/lib/domain/points';

describe('pointsEarned', () => {
  it('gives 1 point per whole yuan at the default rate, rounded down', () => {
    expect(pointsEarned(1990, 10000, 10000)).toBe(19); // ¥19.90 → 19
    expect(pointsEarned(100, 10000, 10000)).toBe(1);
    expect(pointsEarned(99, 10000, 10000)).toBe(0);
    expect(pointsEarned(420_000, 10000, 10000)).toBe(4200);
  });

  it('applies the tier multiplier', () => {
    expect(pointsEarned(10000, 10000, 15000)).toBe(150); // ¥100 × 1.5
    expect(pointsEarned(1891, 10000, 12000)).toBe(22); // 18.91 × 1.2 = 22.692
    expect(pointsEarned(32290, 10000, 12000)).toBe(387); // 322.90 × 1.2 = 387.48
    expect(pointsEarned(1000, 10000, 20000)).toBe(20);
  });

  it('applies the earn rate', () => {
    expect(pointsEarned(10000, 20000, 10000)).toBe(200); // 2 points per yuan
    expect(pointsEarned(10000, 5000, 10000)).toBe(50); // half a point per yuan
    expect(pointsEarned(1990, 5000, 15000)).toBe(14); // 19.90 × 0.5 × 1.5 = 14.925
  });

  it('is exact for huge amounts (the product passes 2^53)', () => {
    // 1e9 × 1e6 × 1e5 = 1e20 → 1e20 / 1e10 = 1e10
    expect(pointsEarned(1_000_000_000, 1_000_000, 100_000)).toBe(10_000_000_000);
    // 999999999 × 999999 = 999998999000001; × 10000 / 1e10 = 999998999.000001 → 999998999
    expect(pointsEarned(999_999_999, 999_999, 10_000)).toBe(999_998_999);
    // 999998999000001 × 99999 = 99998899901001099999; / 1e10 → 9999889990 (remainder 1001099999)
    expect(pointsEarned(999_999_999, 999_999, 99_999)).toBe(9_999_889_990);
  });

  it('is 0 for zero or negative amounts, rates or multipliers', () => {
    expect(pointsEarned(0, 10000, 10000)).toBe(0);
    expect(pointsEarned(-1990, 10000, 10000)).toBe(0);
    expect(pointsEarned(1990, 0, 10000)).toBe(0);
    expect(pointsEarned(1990, -10000, 10000)).toBe(0);
    expect(pointsEarned(1990, 10000, 0)).toBe(0);
    expect(pointsEarned(1990, 10000, -5)).toBe(0);
  });
});

describe('pointsBalance', () => {
  it('sums signed entries', () => {
    expect(pointsBalance([])).toBe(0);
    expect(pointsBalance([{ points: 100 }, { points: -30 }, { points: 5 }])).toBe(75);
  });
});
