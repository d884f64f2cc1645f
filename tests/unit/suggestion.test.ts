import { describe, expect, it } from 'vitest';
import {
  ruleAge,
  suggest,
  SUGGESTION_DEFAULTS,
  validateSuggestionSettings,
  type CoPurchaseModel,
  type PurchasedLine,
  type SuggestibleProduct,
  type SuggestInput,
} from '../../src/lib/domain/suggestion';

const NOW = Date.UTC(2026, 11, 7, 4); // 2026-12-07, noon in Shanghai
const TODAY = '2026-12-07';
const DAY = 86_400_000;

const product = (id: string, over: Partial<SuggestibleProduct> = {}): SuggestibleProduct => ({
  id,
  name: id,
  brand: 'B',
  category: '其他',
  priceFen: 1000,
  formulaStage: null,
  daysPerUnit: null,
  active: true,
  createdAt: NOW - 400 * DAY,
  ...over,
});

const CATALOGUE: SuggestibleProduct[] = [
  product('feihe-1', { name: '飞鹤 1段', brand: '飞鹤', category: '奶粉', formulaStage: 1, daysPerUnit: 15 }),
  product('feihe-2', { name: '飞鹤 2段', brand: '飞鹤', category: '奶粉', formulaStage: 2, daysPerUnit: 17 }),
  product('wyeth-2', { name: '惠氏 2段', brand: '惠氏', category: '奶粉', formulaStage: 2, daysPerUnit: 17 }),
  product('cereal', { name: '米粉', brand: '亨氏', category: '辅食' }),
  product('puree', { name: '果泥', brand: '亨氏', category: '辅食' }),
  product('diapers', { name: '纸尿裤 M', brand: '花王', category: '纸尿裤', daysPerUnit: 10 }),
  product('wipes', { name: '湿巾', brand: '花王', category: '洗护' }),
  product('toy', { name: '摇铃', brand: '费雪', category: '玩具' }),
  product('old-toy', { name: '旧玩具', brand: '费雪', category: '玩具', active: false }),
];

const bought = (productId: string, day: string, qty = 1, refund = false): PurchasedLine => ({ productId, day, qty, refund });

function input(over: Partial<SuggestInput> = {}): SuggestInput {
  return {
    today: TODAY,
    now: NOW,
    babies: [],
    purchases: [],
    products: CATALOGUE,
    model: null,
    settings: { ...SUGGESTION_DEFAULTS, stageRules: [] },
    ...over,
  };
}

const ids = (i: SuggestInput) => suggest(i).map((s) => s.productId);

describe('stage rules', () => {
  const rules = SUGGESTION_DEFAULTS.stageRules;

  it('counts an expected baby as −1 months and a born one in completed months', () => {
    expect(ruleAge('2027-03-01', TODAY)).toBe(-1);
    expect(ruleAge('2026-06-07', TODAY)).toBe(6);
    expect(ruleAge('2026-06-08', TODAY)).toBe(5);
  });

  it('suggests stage 2 formula from 6 months, of the brand she already buys, with the reason', () => {
    const s = suggest(
      input({
        settings: { ...SUGGESTION_DEFAULTS, stageRules: rules },
        babies: [{ nickname: '豆豆', birthDate: '2026-06-07' }],
        purchases: [bought('feihe-1', '2026-10-01'), bought('diapers', '2026-11-30', 3)],
      }),
    );
    const formula = s.find((x) => x.reason.kind === 'stage' && x.reason.category === '奶粉');
    expect(formula).toEqual({
      productId: 'feihe-2',
      name: '飞鹤 2段',
      brand: '飞鹤',
      category: '奶粉',
      priceFen: 1000,
      reason: { kind: 'stage', baby: '豆豆', ageMonths: 6, category: '奶粉', formulaStage: 2 },
    });
    // 纸尿裤 bought 7 days ago (3 packs, not due) meets that need; 辅食 from 6 months is suggested.
    expect(s.some((x) => x.category === '纸尿裤')).toBe(false);
    expect(s.some((x) => x.reason.kind === 'stage' && x.category === '辅食')).toBe(true);
  });

  it('does not suggest stage 2 at 5 months, and picks the most popular brand when she has none', () => {
    const young = suggest(input({ settings: { ...SUGGESTION_DEFAULTS, stageRules: rules }, babies: [{ nickname: 'a', birthDate: '2026-06-08' }] }));
    expect(young.map((x) => x.productId)).toContain('feihe-1');
    expect(young.map((x) => x.productId)).not.toContain('feihe-2');
    const model: CoPurchaseModel = { rules: new Map(), popularity: new Map([['wyeth-2', 40], ['feihe-2', 10]]) };
    const older = suggest(input({ settings: { ...SUGGESTION_DEFAULTS, stageRules: rules }, model, babies: [{ nickname: 'a', birthDate: '2026-05-01' }] }));
    expect(older.find((x) => x.category === '奶粉')?.productId).toBe('wyeth-2');
  });

  it('never suggests an inactive product', () => {
    const s = suggest(input({ settings: { ...SUGGESTION_DEFAULTS, stageRules: [{ fromMonths: 0, toMonths: 12, category: '玩具', formulaStage: null }] }, babies: [{ nickname: 'a', birthDate: '2026-06-07' }] }));
    expect(s.map((x) => x.productId)).toEqual(['toy']);
  });
});

describe('repeat items', () => {
  it('are due from repeatDays before the run-out, by her own interval', () => {
    // Gaps 20 and 20 days: next on 2026-12-10, 3 days away (repeatDays 7).
    const purchases = [bought('feihe-1', '2026-10-31'), bought('feihe-1', '2026-11-20')];
    expect(suggest(input({ purchases }))).toEqual([
      { productId: 'feihe-1', name: '飞鹤 1段', brand: '飞鹤', category: '奶粉', priceFen: 1000, reason: { kind: 'repeat', days: 3, on: '2026-12-10' } },
    ]);
    expect(ids(input({ purchases, settings: { ...SUGGESTION_DEFAULTS, stageRules: [], repeatDays: 2 } }))).toEqual([]);
  });

  it('leave out a formula stage her baby has outgrown (the next stage is suggested instead)', () => {
    const purchases = [bought('feihe-1', '2026-10-31'), bought('feihe-1', '2026-11-20')];
    const s = suggest(input({ purchases, settings: SUGGESTION_DEFAULTS, babies: [{ nickname: 'a', birthDate: '2026-06-01' }] }));
    expect(s.map((x) => `${x.reason.kind}:${x.productId}`)).toEqual(['stage:diapers', 'stage:feihe-2', 'stage:puree', 'stage:toy']);
    const younger = suggest(input({ purchases, settings: SUGGESTION_DEFAULTS, babies: [{ nickname: 'a', birthDate: '2026-07-01' }] }));
    expect(younger[0]?.productId).toBe('feihe-1');
    expect(younger[0]?.reason.kind).toBe('repeat');
  });

  it('use the nominal days of a single purchase, and skip what she returned in full', () => {
    // 2 packs × 10 days from 2026-11-20 → 2026-12-10.
    expect(suggest(input({ purchases: [bought('diapers', '2026-11-20', 2)] }))[0]?.reason).toEqual({ kind: 'repeat', days: 3, on: '2026-12-10' });
    expect(ids(input({ purchases: [bought('diapers', '2026-11-20', 2), bought('diapers', '2026-11-22', 2, true)] }))).toEqual([]);
  });
});

describe('the exclusion window', () => {
  const model: CoPurchaseModel = {
    rules: new Map([['cereal', [{ productId: 'puree', support: 12, confidencePct: 60 }, { productId: 'wipes', support: 8, confidencePct: 40 }]]]),
    popularity: new Map(),
  };

  it('keeps out a co-purchase she bought in the last excludeDays, but not one bought before them', () => {
    const base = [bought('cereal', '2026-09-01')];
    expect(ids(input({ model, purchases: base }))).toEqual(['puree', 'wipes']);
    // puree bought 29 days ago (within 30): out; she bought it, so co-purchase skips it even later.
    expect(ids(input({ model, purchases: [...base, bought('puree', '2026-11-08')] }))).toEqual(['wipes']);
  });

  it('keeps out a stage product bought in the window but lets a due repeat of it through', () => {
    const rule = [{ fromMonths: 0, toMonths: 24, category: '纸尿裤', formulaStage: null }];
    const babies = [{ nickname: 'a', birthDate: '2026-03-01' }];
    // Bought 10 days ago, 1 pack of 10 days: due today — a repeat, not a stage pick.
    const s = suggest(input({ babies, settings: { ...SUGGESTION_DEFAULTS, stageRules: rule }, purchases: [bought('diapers', '2026-11-27')] }));
    expect(s.map((x) => [x.productId, x.reason.kind])).toEqual([['diapers', 'repeat']]);
    // 31 days ago with 3 packs (due 2026-12-06? no: 30 days → 2026-12-06, 1 day over): still a repeat.
    const later = suggest(input({ babies, settings: { ...SUGGESTION_DEFAULTS, stageRules: rule }, purchases: [bought('diapers', '2026-11-06', 3)] }));
    expect(later.map((x) => [x.productId, x.reason])).toEqual([['diapers', { kind: 'repeat', days: -1, on: '2026-12-06' }]]);
  });
});

describe('co-purchase and new products', () => {
  it('names the product she bought that makes the rule, most confident rule first', () => {
    const model: CoPurchaseModel = {
      rules: new Map([
        ['cereal', [{ productId: 'wipes', support: 9, confidencePct: 30 }]],
        ['diapers', [{ productId: 'wipes', support: 20, confidencePct: 55 }, { productId: 'toy', support: 6, confidencePct: 25 }]],
      ]),
      popularity: new Map(),
    };
    const s = suggest(input({ model, purchases: [bought('cereal', '2026-08-01'), bought('diapers', '2026-06-01')] }));
    expect(s.map((x) => [x.productId, x.reason])).toEqual([
      ['wipes', { kind: 'coPurchase', withProduct: '纸尿裤 M', confidencePct: 55 }],
      ['toy', { kind: 'coPurchase', withProduct: '纸尿裤 M', confidencePct: 25 }],
    ]);
  });

  it('suggests new products (added in the last newDays) of her favourite brands, newest first', () => {
    const products = [
      ...CATALOGUE,
      product('kao-new', { name: '花王 新品', brand: '花王', createdAt: NOW - 3 * DAY }),
      product('kao-newer', { name: '花王 更新', brand: '花王', createdAt: NOW - DAY }),
      product('kao-old', { name: '花王 老品', brand: '花王', createdAt: NOW - 31 * DAY }),
      product('other-new', { name: '别家新品', brand: '别家', createdAt: NOW - DAY }),
    ];
    const s = suggest(input({ products, purchases: [bought('wipes', '2026-08-01')] }));
    expect(s.map((x) => [x.productId, x.reason])).toEqual([
      ['kao-newer', { kind: 'newFromBrand', brand: '花王' }],
      ['kao-new', { kind: 'newFromBrand', brand: '花王' }],
    ]);
  });
});

describe('the mix', () => {
  it('takes at most two of a kind first, then fills up to five, each product once', () => {
    const model: CoPurchaseModel = {
      rules: new Map([['toy', ['feihe-2', 'wyeth-2', 'cereal', 'puree'].map((productId, i) => ({ productId, support: 10, confidencePct: 90 - i }))]]),
      popularity: new Map(),
    };
    const purchases = [
      bought('toy', '2026-05-01'),
      bought('diapers', '2026-11-27'), // due today
      bought('feihe-1', '2026-11-25'), // 15 days → 2026-12-10, due in 3
    ];
    const s = suggest(input({ model, purchases, settings: { ...SUGGESTION_DEFAULTS, stageRules: [{ fromMonths: 0, toMonths: 72, category: '洗护', formulaStage: null }] }, babies: [{ nickname: 'a', birthDate: '2026-01-01' }] }));
    expect(s.map((x) => `${x.reason.kind}:${x.productId}`)).toEqual([
      'repeat:diapers',
      'repeat:feihe-1',
      'stage:wipes',
      'coPurchase:feihe-2',
      'coPurchase:wyeth-2',
    ]);
  });
});

describe('settings', () => {
  it('accept the defaults and name a bad field or rule', () => {
    expect(validateSuggestionSettings(SUGGESTION_DEFAULTS)).toBeNull();
    expect(validateSuggestionSettings({ ...SUGGESTION_DEFAULTS, excludeDays: -1 })).toEqual({ field: 'excludeDays' });
    expect(validateSuggestionSettings({ ...SUGGESTION_DEFAULTS, minConfidencePct: 101 })).toEqual({ field: 'minConfidencePct' });
    const rules = [...SUGGESTION_DEFAULTS.stageRules];
    rules[2] = { fromMonths: 6, toMonths: 6, category: '纸尿裤', formulaStage: null };
    expect(validateSuggestionSettings({ ...SUGGESTION_DEFAULTS, stageRules: rules })).toEqual({ field: 'stageRules', rule: 2 });
    rules[2] = { fromMonths: 0, toMonths: 6, category: ' ', formulaStage: null };
    expect(validateSuggestionSettings({ ...SUGGESTION_DEFAULTS, stageRules: rules })).toEqual({ field: 'stageRules', rule: 2 });
    rules[2] = { fromMonths: 0, toMonths: 6, category: '奶粉', formulaStage: 5 };
    expect(validateSuggestionSettings({ ...SUGGESTION_DEFAULTS, stageRules: rules })).toEqual({ field: 'stageRules', rule: 2 });
  });
});
