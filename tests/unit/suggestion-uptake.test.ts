import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/lib/analytics/compute/facts';
import { suggestionUptake } from '../../src/lib/analytics/compute/suggestion-uptake';

const at = (day: number) => new Date(2026, 10, day, 12).getTime();
const line = (paidFen: number, suggested = false) => ({ productId: 'p', qty: 1, category: 'c', brand: 'b', paidFen, ...(suggested ? { suggested: true } : {}) });
const sale = (id: string, day: number, lines: ReturnType<typeof line>[], shown?: number, refundOf: string | null = null) => ({
  id,
  memberId: 'm',
  at: at(day),
  totalFen: 0,
  refundOf,
  assistantId: null,
  lines,
  ...(shown !== undefined ? { suggestionsShown: shown } : {}),
});

describe('suggestionUptake', () => {
  const facts = buildFacts(
    [{ id: 'm', name: 'm', phone: '', tierId: 't', joinedOn: '2025-01-01', registeredBy: null, pointsBalance: 0, lifetimeSpendFen: 0 }],
    [
      sale('a', 2, [line(5000), line(2000, true)], 5),
      sale('b', 3, [line(3000)], 4),
      sale('c', 4, [line(1000, true), line(1500, true)], 3),
      sale('d', 5, [line(800)]), // no suggestions shown
      sale('r', 6, [line(2000, true)], undefined, 'a'), // a return is not a take
      sale('e', 20, [line(9000, true)], 2), // outside the period
    ],
  );

  it('counts the sales that showed suggestions, those that took one, the lines and their money', () => {
    expect(suggestionUptake(facts, { from: '2026-11-01', to: '2026-11-10' })).toEqual({
      salesShown: 3,
      suggestionsShown: 12,
      salesTaken: 2,
      linesTaken: 3,
      takenFen: 4500,
      takeRateBp: 6667,
    });
  });

  it('has no rate when nothing was shown', () => {
    expect(suggestionUptake(facts, { from: '2026-12-01', to: '2026-12-31' }).takeRateBp).toBeNull();
  });
});
