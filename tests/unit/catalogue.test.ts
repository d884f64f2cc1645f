import { describe, expect, it } from 'vitest';
import { validateCampaign, type CampaignInput } from '../../src/lib/domain/campaign';
import { validateCouponTemplate, type CouponTemplateInput } from '../../src/lib/domain/coupon';

const fixed20: CouponTemplateInput = {
  name: '满199减20',
  kind: 'fixed',
  valueFen: 2000,
  percentBp: 7000,
  minSpendFen: 19_900,
  validDays: 30,
  category: null,
  pointsCost: 0,
  active: true,
};

describe('validateCouponTemplate', () => {
  it('accepts fixed and percent templates and names each bad field', () => {
    expect(validateCouponTemplate(fixed20)).toEqual({});
    expect(
      validateCouponTemplate({ ...fixed20, kind: 'percent', valueFen: Number.NaN, percentBp: 8500 }),
    ).toEqual({});
    expect(
      validateCouponTemplate({
        name: ' ',
        kind: 'fixed',
        valueFen: 0,
        percentBp: Number.NaN,
        minSpendFen: -1,
        validDays: 0,
        category: '  ',
        pointsCost: 1.5,
        active: true,
      }),
    ).toEqual({
      name: 'required',
      valueFen: 'valueRange',
      minSpendFen: 'minSpendRange',
      validDays: 'validDaysRange',
      category: 'required',
      pointsCost: 'pointsRange',
    });
  });

  it('bounds: percent 1–90 % off, 1–3650 days, names and categories up to 40 characters', () => {
    const pct = (percentBp: number) => validateCouponTemplate({ ...fixed20, kind: 'percent', percentBp });
    expect(pct(9900)).toEqual({});
    expect(pct(1000)).toEqual({});
    expect(pct(9901)).toEqual({ percentBp: 'percentRange' });
    expect(pct(999)).toEqual({ percentBp: 'percentRange' });
    expect(pct(10000)).toEqual({ percentBp: 'percentRange' });
    expect(validateCouponTemplate({ ...fixed20, validDays: 3650 })).toEqual({});
    expect(validateCouponTemplate({ ...fixed20, validDays: 3651 })).toEqual({ validDays: 'validDaysRange' });
    expect(validateCouponTemplate({ ...fixed20, name: '券'.repeat(40) })).toEqual({});
    expect(validateCouponTemplate({ ...fixed20, name: '券'.repeat(41) })).toEqual({ name: 'tooLong' });
    expect(validateCouponTemplate({ ...fixed20, category: 'x'.repeat(41) })).toEqual({ category: 'tooLong' });
    expect(validateCouponTemplate({ ...fixed20, kind: 'bogus' as 'fixed' })).toEqual({ kind: 'kind' });
    expect(validateCouponTemplate({ ...fixed20, valueFen: 1_000_000_001 })).toEqual({
      valueFen: 'valueRange',
    });
    expect(validateCouponTemplate({ ...fixed20, pointsCost: 10_000_001 })).toEqual({
      pointsCost: 'pointsRange',
    });
  });
});

describe('validateCampaign', () => {
  const double: CampaignInput = {
    name: '双倍积分日',
    kind: 'doublePoints',
    startDate: '2026-05-01',
    endDate: '2026-05-03',
    multiplierBp: 20000,
  };

  it('accepts a one-day campaign and names each bad field', () => {
    expect(validateCampaign(double)).toEqual({});
    expect(validateCampaign({ ...double, endDate: '2026-05-01' })).toEqual({});
    expect(validateCampaign({ ...double, endDate: '2026-04-30' })).toEqual({ endDate: 'endBeforeStart' });
    expect(validateCampaign({ ...double, startDate: '2026-02-30', endDate: '2026-5-3' })).toEqual({
      startDate: 'dateFormat',
      endDate: 'dateFormat',
    });
    expect(validateCampaign({ ...double, name: '' })).toEqual({ name: 'required' });
    expect(validateCampaign({ ...double, kind: 'x' as 'doublePoints' })).toEqual({
      kind: 'kind',
      multiplierBp: 'multiplierRange',
    });
  });

  it('double points multiply by more than ×1 and at most ×10; other kinds keep ×1', () => {
    const m = (multiplierBp: number) => validateCampaign({ ...double, multiplierBp });
    expect(m(10_001)).toEqual({});
    expect(m(100_000)).toEqual({});
    expect(m(10_000)).toEqual({ multiplierBp: 'multiplierRange' });
    expect(m(100_001)).toEqual({ multiplierBp: 'multiplierRange' });
    expect(m(15_000.5)).toEqual({ multiplierBp: 'multiplierRange' });
    expect(validateCampaign({ ...double, kind: 'discount', multiplierBp: 10_000, discountBp: 8_800 })).toEqual({});
    expect(validateCampaign({ ...double, kind: 'couponDrop', multiplierBp: 20_000, couponTemplateId: 't1' })).toEqual({
      multiplierBp: 'multiplierRange',
    });
  });
});
