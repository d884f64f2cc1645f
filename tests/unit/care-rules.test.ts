import { describe, expect, it } from 'vitest';
import {
  CARE_DEFAULTS,
  daysToAnniversary,
  isSuppressed,
  openEntries,
  lapsing,
  predictRunOut,
  renderTemplate,
  stageChangeDue,
  stageForAge,
  validateCareSettings,
} from '../../src/lib/domain/care';

describe('daysToAnniversary', () => {
  it('counts to this year’s date, or next year’s once it has passed', () => {
    expect(daysToAnniversary('1990-03-05', '2026-03-01')).toBe(4);
    expect(daysToAnniversary('1990-03-01', '2026-03-01')).toBe(0);
    expect(daysToAnniversary('1990-02-27', '2026-03-01')).toBe(363);
  });
  it('puts 29 February on the 28th in other years', () => {
    expect(daysToAnniversary('2024-02-29', '2026-02-20')).toBe(8);
    expect(daysToAnniversary('2024-02-29', '2028-02-20')).toBe(9);
  });
});

describe('predictRunOut', () => {
  it('uses the median of her own gaps between purchase days (irregular intervals)', () => {
    // gaps 20, 25, 24 → median 24; last 2026-03-20 → 2026-04-13
    const p = [
      { day: '2026-01-10', qty: 1 },
      { day: '2026-03-20', qty: 2 },
      { day: '2026-01-30', qty: 1 },
      { day: '2026-02-24', qty: 1 },
    ];
    expect(predictRunOut(p, 15)).toEqual({ on: '2026-04-13', basis: 'own', days: 24 });
  });
  it('keeps only the last four gaps, and rounds an even median', () => {
    // gaps 100 (dropped), 20, 30, 31, 40 → last four 20, 30, 31, 40 → (30 + 31) / 2 = 30.5 → 31
    const days = ['2025-01-01', '2025-04-11', '2025-05-01', '2025-05-31', '2025-07-01', '2025-08-10'];
    expect(predictRunOut(days.map((day) => ({ day, qty: 1 })), null)).toEqual({ on: '2025-09-10', basis: 'own', days: 31 });
  });
  it('falls back to quantity × nominal days with one purchase day (same-day lines summed)', () => {
    const p = [
      { day: '2026-03-01', qty: 2 },
      { day: '2026-03-01', qty: 1 },
    ];
    expect(predictRunOut(p, 15)).toEqual({ on: '2026-04-15', basis: 'nominal', days: 45 });
  });
  it('knows nothing without purchases, or with one purchase and no nominal days', () => {
    expect(predictRunOut([], 15)).toBeNull();
    expect(predictRunOut([{ day: '2026-03-01', qty: 1 }], null)).toBeNull();
  });
});

describe('formula stages', () => {
  it('maps age to stage with the default ends [6, 12, 36]', () => {
    expect([0, 5, 6, 11, 12, 35, 36].map((m) => stageForAge(m, [6, 12, 36]))).toEqual([1, 1, 2, 2, 3, 3, 4]);
  });
  it('is due from 14 days before the boundary to 30 days after it', () => {
    // born 2025-09-15: six months on 2026-03-15
    expect(stageChangeDue('2025-09-15', 1, [6, 12, 36], '2026-03-01', 14)).toEqual({ toStage: 2, on: '2026-03-15' });
    expect(stageChangeDue('2025-09-15', 1, [6, 12, 36], '2026-02-28', 14)).toBeNull();
    expect(stageChangeDue('2025-09-15', 1, [6, 12, 36], '2026-04-14', 14)).toEqual({ toStage: 2, on: '2026-03-15' });
    expect(stageChangeDue('2025-09-15', 1, [6, 12, 36], '2026-04-15', 14)).toBeNull();
  });
  it('says nothing for the last stage or an unborn baby', () => {
    expect(stageChangeDue('2022-01-01', 4, [6, 12, 36], '2026-03-01', 14)).toBeNull();
    expect(stageChangeDue('2026-05-01', 1, [6, 12, 36], '2026-03-01', 14)).toBeNull();
  });
});

describe('lapsing', () => {
  const s = { lapseFactorPct: 150, lapseMinVisits: 3, lapseDays: 60 };
  it('flags her past 1.5 × her median gap', () => {
    // gaps 10, 20 → median 15 → past 22.5 days
    const days = ['2026-01-01', '2026-01-11', '2026-01-31'];
    expect(lapsing(days, '2026-02-22', s)).toBeNull();
    expect(lapsing(days, '2026-02-23', s)).toEqual({ daysSince: 23, usualDays: 15 });
  });
  it('uses the fixed days with too few visits', () => {
    expect(lapsing(['2026-01-01'], '2026-03-01', s)).toBeNull();
    expect(lapsing(['2026-01-01'], '2026-03-02', s)).toEqual({ daysSince: 60, usualDays: null });
    expect(lapsing([], '2026-03-02', s)).toBeNull();
  });
});

describe('isSuppressed (cooldown and snooze)', () => {
  it('keeps a done or skipped entry off the list for the cooldown', () => {
    expect(isSuppressed([{ day: '2026-03-01', action: 'done', until: null }], '2026-03-14', 14)).toBe(true);
    expect(isSuppressed([{ day: '2026-03-01', action: 'skipped', until: null }], '2026-03-15', 14)).toBe(false);
  });
  it('brings a snoozed entry back on its day', () => {
    expect(isSuppressed([{ day: '2026-03-01', action: 'snoozed', until: '2026-03-04' }], '2026-03-03', 14)).toBe(true);
    expect(isSuppressed([{ day: '2026-03-01', action: 'snoozed', until: '2026-03-04' }], '2026-03-04', 14)).toBe(false);
    expect(isSuppressed([], '2026-03-04', 14)).toBe(false);
  });
});

describe('renderTemplate', () => {
  it('fills Chinese and English placeholders and drops unknown ones', () => {
    expect(renderTemplate('{姓名}您好，{积分}积分将于{到期日}过期。{未知}', { name: '王芳', points: '1,200', date: '2026-04-01' })).toBe(
      '王芳您好，1,200积分将于2026-04-01过期。',
    );
    expect(renderTemplate('Hi {name}, {baby} — {store}', { name: 'Fang', baby: '豆豆' })).toBe('Hi Fang, 豆豆 — ');
  });
});

describe('validateCareSettings', () => {
  it('accepts the defaults and names the fields out of range', () => {
    expect(validateCareSettings(CARE_DEFAULTS)).toEqual([]);
    expect(validateCareSettings({ ...CARE_DEFAULTS, cooldownDays: -1, stageEndMonths: [12, 6] })).toEqual(['cooldownDays', 'stageEndMonths']);
  });
});

describe('openEntries', () => {
  it('checks each entry against the contacts of its own member, reason and subject', () => {
    const contact = (memberId: string, reason: 'birthday' | 'babyBirthday', subject: string) => ({
      id: `${memberId}${subject}`,
      memberId,
      at: 0,
      day: '2026-03-01',
      reason,
      subject,
      action: 'done' as const,
      channel: 'copy' as const,
      template: reason,
      until: null,
      outcome: null,
      actorId: null,
      createdAt: 0,
      updatedAt: 0,
    });
    const entries = [
      { memberId: 'a', reason: 'babyBirthday' as const, subject: 'baby-1' },
      { memberId: 'a', reason: 'babyBirthday' as const, subject: 'baby-2' },
      { memberId: 'b', reason: 'birthday' as const, subject: '2026' },
    ];
    const log = [contact('a', 'babyBirthday', 'baby-1'), contact('b', 'babyBirthday', '2026')];
    expect(openEntries(entries, log, '2026-03-02', 14).map((e) => `${e.memberId}/${e.subject}`)).toEqual(['a/baby-2', 'b/2026']);
  });
});
