import { describe, expect, it } from 'vitest';
import { activeBoost, activeDiscounts, discountFor, reaches, validateCampaign, type Campaign } from '../../src/lib/domain/campaign';
import { buildCheckout, NO_OPTIONS, quoteCheckout, type CheckoutInput } from '../../src/lib/domain/checkout';
import { buildReturn } from '../../src/lib/domain/refund';
import { counterId, localInstant, makeLine, makeMemberAtCheckout, makeSettings, makeTiers, standingOf } from '../fixtures/factories';

function campaign(overrides: Partial<Campaign>): Campaign {
  return { id: 'c', name: '奶粉节', kind: 'discount', startDate: '2026-03-01', endDate: '2026-03-07', multiplierBp: 10_000, createdAt: 0, updatedAt: 0, ...overrides };
}
const target = { segmentId: 's', segmentName: 'VIP', holdoutBp: 1000, costFen: 0, treatedIds: ['m1'], holdoutIds: ['m2'] };

describe('who a campaign reaches', () => {
  it('reaches everyone within its dates when it has no target, only the treated when it has one', () => {
    const open = campaign({});
    expect(reaches(open, '2026-03-01', null)).toBe(true);
    expect(reaches(open, '2026-03-07', 'm9')).toBe(true);
    expect(reaches(open, '2026-03-08', 'm9')).toBe(false);
    expect(reaches(open, '2026-02-28', 'm9')).toBe(false);
    const aimed = campaign({ target });
    expect(reaches(aimed, '2026-03-03', 'm1')).toBe(true);
    expect(reaches(aimed, '2026-03-03', 'm2')).toBe(false); // held out
    expect(reaches(aimed, '2026-03-03', null)).toBe(false);
  });

  it('gives the hold-out no extra points', () => {
    const double = campaign({ id: 'd', kind: 'doublePoints', multiplierBp: 20_000, target });
    const triple = campaign({ id: 't', kind: 'doublePoints', multiplierBp: 30_000, startDate: '2026-03-05' });
    expect(activeBoost([double, triple], '2026-03-03', 'm1')).toEqual({ id: 'd', multiplierBp: 20_000 });
    expect(activeBoost([double, triple], '2026-03-03', 'm2')).toBeNull();
    expect(activeBoost([double, triple], '2026-03-05', 'm2')).toEqual({ id: 't', multiplierBp: 30_000 });
    // a discount campaign never boosts points
    expect(activeBoost([campaign({ discountBp: 8_000 })], '2026-03-03', 'm1')).toBeNull();
  });

  it('takes the deepest discount covering a category; an empty list covers all', () => {
    const milk = campaign({ id: 'milk', discountBp: 8_500, categories: ['奶粉'] });
    const all = campaign({ id: 'all', discountBp: 9_500, categories: [] });
    const deals = activeDiscounts([milk, all, campaign({ id: 'later', discountBp: 5_000, startDate: '2026-04-01', endDate: '2026-04-02' })], '2026-03-02', null);
    expect(deals.map((d) => d.id)).toEqual(['milk', 'all']);
    expect(discountFor(deals, '奶粉')?.id).toBe('milk');
    expect(discountFor(deals, '纸尿裤')?.id).toBe('all');
    expect(discountFor([deals[0]!], '纸尿裤')).toBeNull();
  });
});

describe('validateCampaign by kind', () => {
  const base = { name: '奶粉节', startDate: '2026-03-01', endDate: '2026-03-07', multiplierBp: 10_000 } as const;
  it('needs a price share of 10–99 % for a discount and a template for a coupon drop', () => {
    expect(validateCampaign({ ...base, kind: 'discount', discountBp: 8_500, categories: [] })).toEqual({});
    expect(validateCampaign({ ...base, kind: 'discount', discountBp: 9_950 })).toEqual({ discountBp: 'discountRange' });
    expect(validateCampaign({ ...base, kind: 'discount', discountBp: 999 })).toEqual({ discountBp: 'discountRange' });
    expect(validateCampaign({ ...base, kind: 'discount' })).toEqual({ discountBp: 'discountRange' });
    expect(validateCampaign({ ...base, kind: 'couponDrop' })).toEqual({ couponTemplateId: 'required' });
    expect(validateCampaign({ ...base, kind: 'couponDrop', couponTemplateId: 't1' })).toEqual({});
    expect(validateCampaign({ ...base, kind: 'discount', discountBp: 8_500, multiplierBp: 20_000 })).toEqual({ multiplierBp: 'multiplierRange' });
  });
});

describe('a discount campaign at checkout', () => {
  const tiers = makeTiers();
  const settings = makeSettings(); // 1 point per ¥1 paid
  const at = localInstant(2026, 3, 2, 10, 0);
  const deals = [{ id: 'milk', name: '奶粉节', discountBp: 8_500, categories: ['奶粉'] }];
  function input(o: Partial<CheckoutInput>): CheckoutInput {
    return {
      at, member: null, storedValue: { principalFen: 0, bonusFen: 0 }, standing: standingOf(o.member ?? null), tiers, settings,
      lines: [], options: NO_OPTIONS, campaign: null, discounts: deals, paymentMethod: 'wechat', assistantId: null, ...o,
    };
  }
  const cart = [makeLine({ category: '奶粉', unitPriceFen: 29_800, qty: 2 }), makeLine({ category: '纸尿裤', unitPriceFen: 9_900 })];

  it('takes its share off the covered lines after the tier discount, and points are earned on what was paid', () => {
    // silver 9.5折: milk 59,600 → 56,620 → ×0.85 = 48,127; diapers 9,900 → 9,405
    const silver = makeMemberAtCheckout({ tierId: 'silver', lifetimeSpendFen: 100_000 });
    const q = quoteCheckout(input({ member: silver, lines: cart }));
    expect(q).toMatchObject({ subtotalFen: 69_500, discountFen: 3_475, campaignFen: 8_493, totalFen: 57_532 });
    expect(q.discountCampaign?.id).toBe('milk');
    expect(q.lines.map((l) => l.discountFen)).toEqual([11_473, 495]);
    const r = buildCheckout(input({ member: silver, lines: cart }), counterId());
    if (!r.ok) throw new Error(r.error);
    // the sale keeps both discounts in discountFen; ¥575.32 × 1.2 = 690 points
    expect(r.rows.sale).toMatchObject({ discountFen: 11_968, totalFen: 57_532, campaignId: 'milk', pointsEarned: 690 });
  });

  it('applies to a walk-in and names no campaign when no line is covered', () => {
    expect(quoteCheckout(input({ lines: cart })).campaignFen).toBe(59_600 - 50_660);
    const q = quoteCheckout(input({ lines: [makeLine({ category: '玩具', unitPriceFen: 5_000 })] }));
    expect(q).toMatchObject({ campaignFen: 0, discountCampaign: null, totalFen: 5_000 });
  });

  it('is returned exactly: returning the discounted line gives back what it really cost', () => {
    const r = buildCheckout(input({ lines: cart }), counterId());
    if (!r.ok) throw new Error(r.error);
    expect(r.rows.sale.lines[0]).toMatchObject({ amountFen: 59_600, discountFen: 8_940, paidFen: 50_660 });
    const back = buildReturn(
      { at: at + 1, sale: r.rows.sale, priorReturns: [], lines: [{ line: 0, qty: 1 }], member: null, standing: standingOf(null), coupon: null, earnEntryId: null, tiers, settings, assistantId: null },
      counterId(),
    );
    if (!back.ok) throw new Error(back.error);
    expect(back.rows.refund).toMatchObject({ totalFen: -25_330, discountFen: -4_470, subtotalFen: -29_800 });
  });
});
