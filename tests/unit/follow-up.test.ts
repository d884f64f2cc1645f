import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLLOW_UPS, followUpsDue, validateFollowUps, type FollowUpRule, type FollowUpSale } from '../../src/lib/domain/follow-up';

const rule = (over: Partial<FollowUpRule>): FollowUpRule => ({
  id: 'r',
  name: '回访',
  trigger: 'purchase',
  category: '',
  brand: '',
  firstTimeOnly: false,
  delayDays: 3,
  template: '',
  active: true,
  ...over,
});
const formula = (brand: string, product = `${brand} 1段`) => ({ category: '奶粉', brand, product });
const diapers = { category: '纸尿裤', brand: '花王', product: '花王 M' };
const sale = (id: string, day: string, lines: FollowUpSale['lines'], refund = false): FollowUpSale => ({ id, day, refund, lines });

const due = (rules: FollowUpRule[], sales: FollowUpSale[], today: string) =>
  followUpsDue(rules, sales, today).map((d) => [d.rule.id, d.saleId, d.due, d.product]);

describe('follow-up rules', () => {
  const firstFormula = rule({ id: 'ff', category: '奶粉', firstTimeOnly: true, delayDays: 3 });
  const sales = [
    sale('s1', '2026-12-01', [formula('飞鹤')]),
    sale('s2', '2026-12-02', [diapers, formula('飞鹤')]), // same brand again: no news
    sale('s3', '2026-12-04', [formula('惠氏')]), // a new brand
  ];

  it('are due delay days after the sale and stay listed for 7 days', () => {
    expect(due([firstFormula], sales, '2026-12-03')).toEqual([]);
    expect(due([firstFormula], sales, '2026-12-04')).toEqual([['ff', 's1', '2026-12-04', '飞鹤 1段']]);
    expect(due([firstFormula], sales, '2026-12-07')).toEqual([
      ['ff', 's1', '2026-12-04', '飞鹤 1段'],
      ['ff', 's3', '2026-12-07', '惠氏 1段'],
    ]);
    expect(due([firstFormula], sales, '2026-12-10').map((d) => d[1])).toEqual(['s1', 's3']);
    expect(due([firstFormula], sales, '2026-12-11')).toEqual([['ff', 's3', '2026-12-07', '惠氏 1段']]);
    expect(due([firstFormula], sales, '2026-12-14')).toEqual([]);
  });

  it('pick every matching sale when not first-time only, and filter by brand', () => {
    const every = rule({ id: 'e', category: '奶粉', delayDays: 1 });
    expect(due([every], sales, '2026-12-05').map((d) => d[1])).toEqual(['s1', 's2', 's3']);
    const feihe = rule({ id: 'f', brand: '飞鹤', delayDays: 0 });
    expect(due([feihe], sales, '2026-12-04').map((d) => d[1])).toEqual(['s1', 's2']);
  });

  it('follow a return, and a first visit once', () => {
    const afterReturn = rule({ id: 'ret', trigger: 'return', delayDays: 7 });
    const firstVisit = rule({ id: 'fv', trigger: 'firstVisit', delayDays: 2 });
    const history = [...sales, sale('r1', '2026-12-05', [formula('惠氏')], true)];
    expect(due([afterReturn, firstVisit], history, '2026-12-03')).toEqual([['fv', 's1', '2026-12-03', '飞鹤 1段']]);
    expect(due([afterReturn, firstVisit], history, '2026-12-12')).toEqual([['ret', 'r1', '2026-12-12', '惠氏 1段']]);
  });

  it('call once per sale (the earlier rule wins), and skip inactive rules', () => {
    const [formulaFirst, , firstVisit] = DEFAULT_FOLLOW_UPS as [FollowUpRule, FollowUpRule, FollowUpRule];
    // Her very first sale is also her first formula: one call, by the formula rule (1 day after).
    expect(due(DEFAULT_FOLLOW_UPS, [sales[0]!], '2026-12-03')).toEqual([['formula-first', 's1', '2026-12-02', '飞鹤 1段']]);
    expect(due([firstVisit, formulaFirst], [sales[0]!], '2026-12-03')).toEqual([['first-visit', 's1', '2026-12-03', '飞鹤 1段']]);
    expect(due([{ ...formulaFirst, active: false }], [sales[0]!], '2026-12-03')).toEqual([]);
  });

  it('validate names, delays, filters and the list length', () => {
    expect(validateFollowUps(DEFAULT_FOLLOW_UPS)).toEqual({ rules: [null, null, null], list: null });
    expect(validateFollowUps([rule({ name: ' ' }), rule({ id: 'b', delayDays: 1.5 }), rule({ id: 'b' }), rule({ id: 'c', template: 'x'.repeat(301) })])).toEqual({
      rules: ['name', 'delayDays', 'duplicateId', 'template'],
      list: null,
    });
    expect(validateFollowUps(Array.from({ length: 21 }, (_, i) => rule({ id: String(i) }))).list).toBe('tooMany');
  });
});
