import { describe, expect, it } from 'vitest';
import { emptyFilter, matchSegment, validateSegment, type SegmentFilter, type SegmentMember } from '../../src/lib/domain/segment';
import { draftOfFilter, emptyDraft, filterOfDraft } from '../../src/ui/components/segments/segment-draft';
import { localInstant } from '../fixtures/factories';

const TODAY = '2026-03-01';
const member = (over: Partial<SegmentMember> = {}): SegmentMember => ({
  id: 'm1',
  tierId: 'gold',
  tags: ['二胎', '奶粉'],
  region: '浦东新区',
  birthday: '1990-03-15',
  consent: { sms: true, wechat: false, email: false },
  lifetimeSpendFen: 520_000,
  pointsBalance: 1_200,
  storedValueFen: 0,
  lastPurchaseAt: localInstant(2026, 1, 30),
  ...over,
});
const doudou = { nickname: '豆豆', birthDate: '2025-08-20', expecting: false }; // 6 months on 2026-03-01
const f = (over: Partial<SegmentFilter>): SegmentFilter => ({ ...emptyFilter(), ...over });

describe('matchSegment', () => {
  it('matches everyone with no criteria, with no reasons', () => {
    expect(matchSegment(member(), [], null, emptyFilter(), TODAY)).toEqual([]);
  });

  it('gives one reason per criterion, with her value', () => {
    const filter = f({
      tierIds: ['gold'],
      babyStages: ['m6to12'],
      babyAgeMonths: { min: 6, max: 8 },
      tags: ['奶粉', '早教'],
      region: '浦东',
      rfmClasses: ['atRisk'],
      daysSinceLastPurchase: { min: 30, max: null },
      spendFen: { min: 500_000, max: null },
      points: { min: null, max: 2_000 },
      consent: 'sms',
      hasStoredValue: false,
      birthdayMonth: 3,
    });
    expect(matchSegment(member(), [doudou], 'atRisk', filter, TODAY)).toEqual([
      { field: 'tier', tierId: 'gold' },
      { field: 'babyStage', stage: 'm6to12', baby: '豆豆' },
      { field: 'babyAge', months: 6, baby: '豆豆' },
      { field: 'tags', tags: ['奶粉'] },
      { field: 'region', region: '浦东新区' },
      { field: 'rfm', cls: 'atRisk' },
      { field: 'daysSince', days: 30 },
      { field: 'spend', fen: 520_000 },
      { field: 'points', points: 1_200 },
      { field: 'consent', consent: 'sms' },
      { field: 'storedValue', fen: 0 },
      { field: 'birthdayMonth', birthday: '1990-03-15' },
    ]);
  });

  it('fails on any one criterion', () => {
    const m = member();
    expect(matchSegment(m, [doudou], null, f({ tierIds: ['silver'] }), TODAY)).toBeNull();
    expect(matchSegment(m, [doudou], null, f({ babyStages: ['y1to3'] }), TODAY)).toBeNull();
    expect(matchSegment(m, [], null, f({ babyAgeMonths: { min: 0, max: null } }), TODAY)).toBeNull();
    expect(matchSegment(m, [doudou], null, f({ rfmClasses: ['lost'] }), TODAY)).toBeNull(); // not scored
    expect(matchSegment(m, [doudou], null, f({ daysSinceLastPurchase: { min: 31, max: null } }), TODAY)).toBeNull();
    expect(matchSegment(m, [doudou], null, f({ spendFen: { min: null, max: 519_999 } }), TODAY)).toBeNull();
    expect(matchSegment(m, [doudou], null, f({ consent: 'wechat' }), TODAY)).toBeNull();
    expect(matchSegment(m, [doudou], null, f({ hasStoredValue: true }), TODAY)).toBeNull();
    expect(matchSegment(m, [doudou], null, f({ birthdayMonth: 4 }), TODAY)).toBeNull();
  });

  it('counts a member who never bought as long ago, never as recent', () => {
    const never = member({ lastPurchaseAt: null });
    expect(matchSegment(never, [], null, f({ daysSinceLastPurchase: { min: 90, max: null } }), TODAY)).toEqual([{ field: 'daysSince', days: null }]);
    expect(matchSegment(never, [], null, f({ daysSinceLastPurchase: { min: null, max: 30 } }), TODAY)).toBeNull();
  });

  it('lets an expecting baby match the pregnancy stage but no age', () => {
    const due = { nickname: '', birthDate: '2026-05-01', expecting: true };
    expect(matchSegment(member(), [due], null, f({ babyStages: ['pregnancy'] }), TODAY)).toEqual([{ field: 'babyStage', stage: 'pregnancy', baby: '' }]);
    expect(matchSegment(member(), [due], null, f({ babyAgeMonths: { min: 0, max: 3 } }), TODAY)).toBeNull();
  });
});

describe('validateSegment', () => {
  it('names every problem', () => {
    expect(validateSegment('  ', f({ spendFen: { min: 10, max: 5 }, points: { min: -1, max: null }, birthdayMonth: 13 }))).toEqual([
      'nameRequired',
      'rangeOrder',
      'rangeNegative',
      'birthdayMonth',
    ]);
    expect(validateSegment('沉睡会员', emptyFilter())).toEqual([]);
  });
});

describe('segment drafts', () => {
  it('reads typed text into a filter, yuan into fen', () => {
    const r = filterOfDraft({ ...emptyDraft(), spendMin: '¥1,000.5', daysMin: '90', tags: '二胎，奶粉', storedValue: 'yes', birthdayMonth: '3' });
    expect(r).toEqual({
      ok: true,
      filter: f({ spendFen: { min: 100_050, max: null }, daysSinceLastPurchase: { min: 90, max: null }, tags: ['二胎', '奶粉'], hasStoredValue: true, birthdayMonth: 3 }),
    });
  });
  it('names the ranges it cannot read', () => {
    expect(filterOfDraft({ ...emptyDraft(), daysMin: 'abc', pointsMin: '100', pointsMax: '50' })).toEqual({ ok: false, bad: ['days', 'points'] });
  });
  it('shows a saved filter as the draft that reads back to it', () => {
    const filter = f({ spendFen: { min: 100_050, max: 200_000 }, babyAgeMonths: { min: 6, max: 12 }, consent: 'wechat', hasStoredValue: false });
    expect(filterOfDraft(draftOfFilter(filter))).toEqual({ ok: true, filter });
  });
});
