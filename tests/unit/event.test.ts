import { describe, expect, it } from 'vitest';
import { eventOutcome, hasRoom, reminderDay, validateEvent } from '../../src/lib/domain/event';

describe('events', () => {
  it('validates what the owner types', () => {
    const ok = { name: '亲子烘焙', kind: 'parentChild' as const, date: '2026-03-08', place: '店内', capacity: 12, attendancePoints: 50 };
    expect(validateEvent(ok)).toEqual([]);
    expect(validateEvent({ ...ok, name: ' ', date: '2026-02-30', capacity: -1, attendancePoints: 1.5 })).toEqual(['nameRequired', 'date', 'capacity', 'points']);
  });

  it('has room below capacity, always with no limit', () => {
    expect(hasRoom({ capacity: 2 }, 1)).toBe(true);
    expect(hasRoom({ capacity: 2 }, 2)).toBe(false);
    expect(hasRoom({ capacity: 0 }, 500)).toBe(true);
    expect(reminderDay({ date: '2026-03-01' })).toBe('2026-02-28');
  });

  it('counts attendance, the mean score and what the pop-up won (first purchase, repurchase in 30/60/90 days)', () => {
    const signups = [
      { memberId: 'a', source: 'invite' as const, attended: true, score: 5 },
      { memberId: 'b', source: 'counter' as const, attended: false, score: null },
      { memberId: 'c', source: 'popup' as const, attended: true, score: 4 },
      { memberId: 'd', source: 'popup' as const, attended: true, score: 4 },
      { memberId: 'e', source: 'popup' as const, attended: true, score: null },
    ];
    const days: Record<string, string[]> = {
      c: ['2026-02-01', '2026-03-10', '2026-04-05'], // before the event ignored; first 03-10, again 04-05 (26 days)
      d: ['2026-03-08', '2026-05-20'], // again after 73 days
      e: [],
    };
    expect(eventOutcome({ date: '2026-03-08' }, signups, (id) => days[id] ?? [])).toEqual({
      signedUp: 5,
      attended: 4,
      meanScoreTenths: 43, // (5 + 4 + 4) / 3 = 4.33
      scores: 3,
      newMembers: 3,
      firstPurchases: 2,
      repurchase30: 1,
      repurchase60: 1,
      repurchase90: 2,
    });
  });
});
