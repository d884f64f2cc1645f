import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addMonthsToInstant,
  completedMonths,
  daysBetween,
  daysInMonth,
  isIsoDate,
  localDateOf,
  parseIsoDate,
} from '../../src/lib/domain/clock';
import { localInstant } from '../fixtures/factories';

describe('isIsoDate', () => {
  it.each([
    ['2026-01-01', true],
    ['2026-12-31', true],
    ['2024-02-29', true], // leap year
    ['2000-02-29', true], // divisible by 400
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2100-02-29', false], // divisible by 100, not by 400
    ['2026-04-31', false],
    ['2026-04-30', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
    ['2026-1-01', false],
    ['2026-01-1', false],
    ['26-01-01', false],
    ['2026/01/01', false],
    ['2026-01-01T00:00', false],
    ['', false],
  ])('%j → %s', (text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
  });
});

describe('daysInMonth', () => {
  it('knows month lengths and leap years', () => {
    expect(daysInMonth(2026, 1)).toBe(31);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('parseIsoDate', () => {
  it('splits a date and throws on anything else', () => {
    expect(parseIsoDate('2026-03-01')).toEqual({ year: 2026, month: 3, day: 1 });
    expect(() => parseIsoDate('2026-3-1')).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days b − a', () => {
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(0);
    expect(daysBetween('2026-03-01', '2026-03-02')).toBe(1);
    expect(daysBetween('2026-03-02', '2026-03-01')).toBe(-1);
    // 31 (Jan) + 28 (Feb)
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    // 31 (Jan) + 29 (Feb 2024)
    expect(daysBetween('2024-01-01', '2024-03-01')).toBe(60);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    // Across the European / US daylight-saving switch dates: still whole days.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });
});

describe('addDays', () => {
  it('moves across month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2026-03-10', 0)).toBe('2026-03-10');
    // 2026-01-01 + 59 days: 31 to Feb 1, 28 more to Mar 1
    expect(addDays('2026-01-01', 59)).toBe('2026-03-01');
  });
});

describe('addMonths', () => {
  it('clamps the 31st to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });

  it('moves across year ends both ways', () => {
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(addMonths('2026-03-01', 12)).toBe('2027-03-01');
    expect(addMonths('2026-03-01', 0)).toBe('2026-03-01');
    expect(addMonths('2026-05-20', 36)).toBe('2029-05-20');
  });
});

describe('completedMonths', () => {
  it('counts a month complete on the same day of the month', () => {
    expect(completedMonths('2026-01-15', '2026-01-15')).toBe(0);
    expect(completedMonths('2026-01-15', '2026-02-14')).toBe(0);
    expect(completedMonths('2026-01-15', '2026-02-15')).toBe(1);
    expect(completedMonths('2025-01-10', '2026-01-09')).toBe(11);
    expect(completedMonths('2025-01-10', '2026-01-10')).toBe(12);
    expect(completedMonths('2025-12-31', '2026-01-30')).toBe(0);
    expect(completedMonths('2025-12-31', '2026-01-31')).toBe(1);
  });

  it('counts the last day of a shorter month as the month day (Jan 31 → Feb 28)', () => {
    expect(completedMonths('2026-01-31', '2026-02-27')).toBe(0);
    expect(completedMonths('2026-01-31', '2026-02-28')).toBe(1);
    expect(completedMonths('2024-01-31', '2024-02-28')).toBe(0); // 2024 has Feb 29
    expect(completedMonths('2024-01-31', '2024-02-29')).toBe(1);
    expect(completedMonths('2026-03-31', '2026-04-30')).toBe(1);
    expect(completedMonths('2026-01-31', '2026-03-30')).toBe(1);
    expect(completedMonths('2026-01-31', '2026-03-31')).toBe(2);
    expect(completedMonths('2024-02-29', '2025-02-28')).toBe(12);
  });
});

describe('addMonthsToInstant (local time)', () => {
  it('keeps the time of day and clamps the day', () => {
    expect(addMonthsToInstant(localInstant(2026, 3, 1, 10, 30), 12)).toBe(localInstant(2027, 3, 1, 10, 30));
    expect(addMonthsToInstant(localInstant(2026, 1, 31, 9, 15), 1)).toBe(localInstant(2026, 2, 28, 9, 15));
    expect(addMonthsToInstant(localInstant(2024, 2, 29, 23, 59), 12)).toBe(localInstant(2025, 2, 28, 23, 59));
    expect(addMonthsToInstant(localInstant(2026, 11, 30, 8, 0), 3)).toBe(localInstant(2027, 2, 28, 8, 0));
    expect(addMonthsToInstant(localInstant(2026, 5, 31, 12, 0), -1)).toBe(localInstant(2026, 4, 30, 12, 0));
    expect(addMonthsToInstant(localInstant(2026, 5, 31, 12, 0), 0)).toBe(localInstant(2026, 5, 31, 12, 0));
  });
});

describe('localDateOf', () => {
  it('gives the local calendar date of an instant', () => {
    expect(localDateOf(localInstant(2026, 3, 1, 0, 0))).toBe('2026-03-01');
    expect(localDateOf(localInstant(2026, 3, 1, 23, 59))).toBe('2026-03-01');
    expect(localDateOf(localInstant(2025, 12, 31, 12, 0))).toBe('2025-12-31');
  });
});
