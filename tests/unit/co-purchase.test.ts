import { describe, expect, it } from 'vitest';
import { associations, coPurchaseTable } from '../../src/lib/analytics/compute/co-purchase';
import { buildFacts } from '../../src/lib/analytics/compute/facts';

// Items: 1 formula, 2 diapers, 3 rice cereal, 4 wipes, 5 toy.
const BASKETS = [
  [1, 2, 3],
  [1, 2],
  [1, 2, 4],
  [1, 3],
  [2, 4],
  [5],
  [1, 2, 2, 3], // a duplicate inside a basket counts once
];

describe('associations', () => {
  it('counts items and pairs, and keeps rules passing support and confidence', () => {
    const a = associations(BASKETS, { minSupport: 2, minConfidencePct: 50, perItem: 5 });
    expect(a.baskets).toBe(7);
    expect([...a.support].sort((x, y) => x[0] - y[0])).toEqual([
      [1, 5],
      [2, 5],
      [3, 3],
      [4, 2],
      [5, 1],
    ]);
    // pair(1,2)=4: 1→2 80 %, 2→1 80 %. pair(1,3)=3: 1→3 60 %, 3→1 100 %. pair(2,3)=2: 2→3 40 % (out), 3→2 67 %.
    // pair(2,4)=2: 2→4 40 % (out), 4→2 100 %. pair(1,4)=1: below support.
    expect(a.rules.get(1)).toEqual([
      { item: 2, support: 4, confidencePct: 80 },
      { item: 3, support: 3, confidencePct: 60 },
    ]);
    expect(a.rules.get(2)).toEqual([{ item: 1, support: 4, confidencePct: 80 }]);
    expect(a.rules.get(3)).toEqual([
      { item: 1, support: 3, confidencePct: 100 },
      { item: 2, support: 2, confidencePct: 67 },
    ]);
    expect(a.rules.get(4)).toEqual([{ item: 2, support: 2, confidencePct: 100 }]);
    expect(a.rules.has(5)).toBe(false);
  });

  it('keeps only perItem rules per item, and none below the thresholds', () => {
    const a = associations(BASKETS, { minSupport: 2, minConfidencePct: 50, perItem: 1 });
    expect(a.rules.get(1)).toEqual([{ item: 2, support: 4, confidencePct: 80 }]);
    const strict = associations(BASKETS, { minSupport: 4, minConfidencePct: 81, perItem: 5 });
    expect(strict.rules.size).toBe(0);
    expect(associations([], { minSupport: 1, minConfidencePct: 1, perItem: 5 }).baskets).toBe(0);
  });
});

describe('coPurchaseTable over facts', () => {
  const line = (productId: string, qty = 1) => ({ productId, qty, category: 'c', brand: 'b', paidFen: 100 * qty });
  const sale = (id: string, memberId: string | null, lines: ReturnType<typeof line>[], refundOf: string | null = null) => ({
    id,
    memberId,
    at: Date.UTC(2026, 0, 1),
    totalFen: 100,
    refundOf,
    assistantId: null,
    lines,
  });
  const member = (id: string) => ({ id, name: id, phone: '', tierId: 't', joinedOn: '2025-01-01', registeredBy: null, pointsBalance: 0, lifetimeSpendFen: 0 });

  it('makes one basket per member of the products she kept, and names products by id', () => {
    const facts = buildFacts(
      [member('a'), member('b'), member('c')],
      [
        sale('s1', 'a', [line('x'), line('y')]),
        sale('s2', 'b', [line('x')]),
        sale('s3', 'b', [line('y', 2)]),
        sale('r3', 'b', [line('y', 2)], 's3'), // b returned every y: her basket is {x}
        sale('s4', 'c', [line('x'), line('y')]),
        sale('s5', null, [line('x'), line('y')]), // a walk-in is nobody's basket
      ],
    );
    const table = coPurchaseTable(facts, { minSupport: 1, minConfidencePct: 1 });
    expect(table.members).toBe(3);
    expect(new Map(table.popularity)).toEqual(new Map([['x', 3], ['y', 2]]));
    expect(new Map(table.rules)).toEqual(
      new Map([
        ['x', [{ productId: 'y', support: 2, confidencePct: 67 }]],
        ['y', [{ productId: 'x', support: 2, confidencePct: 100 }]],
      ]),
    );
  });
});
