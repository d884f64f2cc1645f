import { describe, expect, it } from 'vitest';
import { babyAgeMonths, babyStage } from '../../src/lib/domain/baby';

const today = '2026-03-01';

describe('babyStage', () => {
  it('is pregnancy while the due date is in the future', () => {
    expect(babyStage('2026-03-02', today)).toBe('pregnancy');
    expect(babyStage('2026-12-01', today)).toBe('pregnancy');
  });

  it('is 0–6 months for a baby born today', () => {
    expect(babyStage('2026-03-01', today)).toBe('m0to6');
  });

  it('counts a passed due date as the birth date', () => {
    expect(babyStage('2026-02-20', today)).toBe('m0to6');
  });

  it('moves to 6–12 months on the day she is exactly 6 months old', () => {
    expect(babyStage('2025-09-01', '2026-02-28')).toBe('m0to6'); // one day before: 5 months
    expect(babyStage('2025-09-01', today)).toBe('m6to12');
    expect(babyStage('2025-09-02', today)).toBe('m0to6'); // born one day later: still 5 months
  });

  it('moves to 1–3 years at exactly 12 months', () => {
    expect(babyStage('2025-03-01', '2026-02-28')).toBe('m6to12');
    expect(babyStage('2025-03-01', today)).toBe('y1to3');
    expect(babyStage('2025-03-02', today)).toBe('m6to12');
  });

  it('moves to 3+ years at exactly 36 months', () => {
    expect(babyStage('2023-03-01', '2026-02-28')).toBe('y1to3');
    expect(babyStage('2023-03-01', today)).toBe('y3plus');
    expect(babyStage('2023-03-02', today)).toBe('y1to3');
    expect(babyStage('2015-06-01', today)).toBe('y3plus');
  });

  it('uses the end of a short month for a baby born on the 31st', () => {
    // Born 2025-08-31: six months are complete on 2026-02-28 (February has no 31st).
    expect(babyStage('2025-08-31', '2026-02-27')).toBe('m0to6');
    expect(babyStage('2025-08-31', '2026-02-28')).toBe('m6to12');
  });
});

describe('babyAgeMonths', () => {
  it('is null while expecting and completed months after birth', () => {
    expect(babyAgeMonths('2026-04-01', today)).toBeNull();
    expect(babyAgeMonths('2026-03-01', today)).toBe(0);
    expect(babyAgeMonths('2025-09-01', today)).toBe(6);
    expect(babyAgeMonths('2025-09-02', today)).toBe(5);
    expect(babyAgeMonths('2023-03-01', today)).toBe(36);
  });
});
