import { describe, expect, it } from 'vitest';
import { activeTerm, nextTerm, renewalsDue, validatePaidPlan } from '../../src/lib/domain/paid-membership';

describe('paid membership terms', () => {
  it('a first purchase runs from today for the term, last day included', () => {
    expect(nextTerm([], 12, '2026-03-15')).toEqual({ startsOn: '2026-03-15', endsOn: '2027-03-14' });
    expect(nextTerm([], 1, '2026-01-31')).toEqual({ startsOn: '2026-01-31', endsOn: '2026-02-27' });
  });

  it('an early renewal continues the day after the current term; a late one starts today', () => {
    expect(nextTerm([{ endsOn: '2026-06-30' }], 12, '2026-06-01')).toEqual({ startsOn: '2026-07-01', endsOn: '2027-06-30' });
    expect(nextTerm([{ endsOn: '2026-06-30' }], 12, '2026-06-30')).toEqual({ startsOn: '2026-07-01', endsOn: '2027-06-30' });
    expect(nextTerm([{ endsOn: '2026-06-30' }], 12, '2026-07-02')).toEqual({ startsOn: '2026-07-02', endsOn: '2027-07-01' });
  });

  it('the term in force includes its first and last day', () => {
    const terms = [{ startsOn: '2026-01-01', endsOn: '2026-12-31' }];
    expect(activeTerm(terms, '2025-12-31')).toBeNull();
    expect(activeTerm(terms, '2026-01-01')).toBe(terms[0]);
    expect(activeTerm(terms, '2026-12-31')).toBe(terms[0]);
    expect(activeTerm(terms, '2027-01-01')).toBeNull();
  });

  it('renewals due: the latest term per member ending within the window either side of today', () => {
    const rows = [
      { memberId: 'a', endsOn: '2026-05-10' }, // due in 9 days
      { memberId: 'b', endsOn: '2026-05-10' },
      { memberId: 'b', endsOn: '2027-05-10' }, // already renewed
      { memberId: 'c', endsOn: '2026-04-20' }, // lapsed 11 days ago
      { memberId: 'd', endsOn: '2026-06-15' }, // too far
      { memberId: 'e', endsOn: '2026-03-01' }, // lapsed too long ago
    ];
    expect(renewalsDue(rows, '2026-05-01', 30).map((r) => r.memberId)).toEqual(['c', 'a']);
  });

  it('validates the plan', () => {
    expect(validatePaidPlan({ name: '年卡', feeFen: 9900, termMonths: 12, freeDelivery: true, perks: '' })).toEqual({});
    expect(validatePaidPlan({ name: ' ', feeFen: -1, termMonths: 0, freeDelivery: false, perks: '' })).toEqual({
      name: 'required',
      feeFen: 'feeRange',
      termMonths: 'termRange',
    });
  });
});
