import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  isoOfDay,
  monthsEndingAt,
  monthsOf,
  periodDays,
  periodFor,
  previousPeriod,
  validatePeriod,
  weekdayOfDay,
} from '../../src/lib/domain/period';

describe('periods', () => {
  it('means what the selector says on a given day', () => {
    expect(periodFor('month', '2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(periodFor('d30', '2026-03-31')).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(periodFor('d90', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodFor('d365', '2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(periodFor('custom', '2026-03-31', { from: '2026-01-05', to: '2026-01-10' })).toEqual({
      from: '2026-01-05',
      to: '2026-01-10',
    });
  });

  it('compares this month with the same days of last month, clamped to its end', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-15' }, 'month')).toEqual({ from: '2026-02-01', to: '2026-02-15' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' }, 'month')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-31' }, 'month')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('compares any other period with as many days right before it', () => {
    expect(previousPeriod({ from: '2026-03-02', to: '2026-03-31' })).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-01' })).toEqual({ from: '2025-12-31', to: '2025-12-31' });
    expect(periodDays(previousPeriod({ from: '2024-03-01', to: '2025-02-28' }))).toBe(365);
  });

  it('checks a custom period', () => {
    const today = '2026-03-31';
    expect(validatePeriod({ from: '2026-01-01', to: '2026-01-31' }, today)).toBeNull();
    expect(validatePeriod({ from: '2026-02-30', to: '2026-03-01' }, today)).toBe('format');
    expect(validatePeriod({ from: '2026-03-10', to: '2026-03-01' }, today)).toBe('order');
    expect(validatePeriod({ from: '2026-04-01', to: '2026-04-02' }, today)).toBe('future');
    expect(validatePeriod({ from: '2010-01-01', to: '2026-03-01' }, today)).toBe('tooLong');
  });

  it('numbers days and weekdays without time zones', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(isoOfDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(weekdayOfDay(dayNumber('2026-03-02'))).toBe(0); // a Monday
    expect(weekdayOfDay(dayNumber('2026-03-01'))).toBe(6); // a Sunday
    expect(weekdayOfDay(dayNumber('1969-12-29'))).toBe(0);
  });

  it('lists months', () => {
    expect(monthsEndingAt('2026-02-14', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(monthsOf({ from: '2025-11-30', to: '2026-01-01' })).toEqual(['2025-11', '2025-12', '2026-01']);
  });
});
