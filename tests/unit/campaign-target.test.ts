import { describe, expect, it } from 'vitest';
import { splitHoldout, validateTarget } from '../../src/lib/domain/campaign';

/** The same "random" sequence every run: 0.5, 0.25, 0.75, 0.5 … */
const fixed = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] as number;
};

describe('splitHoldout', () => {
  it('holds out round(n × share) members, drawn by the shuffle, keeping input order', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    // With random 0 the shuffle swaps each i with 0, leaving the order 1, 2, …, 9, 0: the first two are held out.
    const { treated, holdout } = splitHoldout(ids, 2000, () => 0);
    expect(holdout).toHaveLength(2);
    expect(treated).toHaveLength(8);
    expect([...treated, ...holdout].sort()).toEqual(ids);
    expect(holdout).toEqual(['b', 'c']);
  });
  it('rounds the share and drops duplicates', () => {
    expect(splitHoldout(['a', 'b', 'c', 'a'], 1000, fixed([0.5])).holdout).toEqual([]); // 3 × 10 % = 0.3 → 0
    expect(splitHoldout(['a', 'b', 'c', 'd', 'e'], 1000, fixed([0.5])).holdout).toHaveLength(1); // 0.5 → 1
    expect(splitHoldout([], 1000, Math.random)).toEqual({ treated: [], holdout: [] });
  });
  it('draws every member about equally often', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `m${i}`);
    let seed = 7;
    const lcg = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const held = new Map<string, number>();
    for (let run = 0; run < 2000; run++) for (const id of splitHoldout(ids, 1000, lcg).holdout) held.set(id, (held.get(id) ?? 0) + 1);
    for (const id of ids) expect(held.get(id) ?? 0).toBeGreaterThan(120); // expected 200 each
  });
});

describe('validateTarget', () => {
  it('takes a hold-out of 0–50 % and a cost of whole fen', () => {
    expect(validateTarget({ holdoutBp: 1000, costFen: 0 })).toEqual([]);
    expect(validateTarget({ holdoutBp: 5001, costFen: -1 })).toEqual(['holdoutBp', 'costFen']);
  });
});
