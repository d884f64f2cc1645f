import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/lib/domain/allocate';

describe('allocate (largest remainder)', () => {
  it('gives the leftover fen to the largest remainders', () => {
    // 1000 × 3980 / 8480 = 469.34 (rem 2880); 1000 × 4500 / 8480 = 530.66 (rem 5600): the second gets the fen
    expect(allocate(1000, [3980, 4500])).toEqual([469, 531]);
    // 10 × 1/3 = 3.33, 10 × 2/3 = 6.67
    expect(allocate(10, [1, 2])).toEqual([3, 7]);
  });

  it('breaks ties towards the earlier line', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(2, [5, 5, 5])).toEqual([1, 1, 0]);
  });

  it('gives nothing to a zero weight, even when it could take a leftover fen', () => {
    expect(allocate(7, [0, 5, 0])).toEqual([0, 7, 0]);
    expect(allocate(100, [0, 1, 0, 1, 0, 1])).toEqual([0, 34, 0, 33, 0, 33]);
  });

  it('is all zero for a zero total, no weight or zero weights', () => {
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
    expect(allocate(50, [0, 0])).toEqual([0, 0]);
    expect(allocate(50, [])).toEqual([]);
  });

  it('shares a negative total the same way, signs flipped', () => {
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it('always adds up exactly, each part within a fen of its exact share', () => {
    const weightsList = [
      [56_620, 12_255, 4_361],
      [1, 999_999_999, 3],
      [7, 7, 7, 7, 7, 7, 7],
      [1_000_000_000, 1_000_000_000, 999_999_999],
    ];
    for (const weights of weightsList) {
      const sum = weights.reduce((s, w) => s + w, 0);
      for (const total of [1, 5_000, 12_345, 999_999, sum]) {
        const parts = allocate(total, weights);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
        parts.forEach((p, i) => {
          const exact = (total * (weights[i] ?? 0)) / sum;
          expect(p).toBeGreaterThanOrEqual(Math.floor(exact));
          expect(p).toBeLessThanOrEqual(Math.ceil(exact));
        });
      }
    }
  });
});
