import { describe, expect, it } from 'vitest';
import { buildCheckout, NO_OPTIONS, pointsCash, quoteCheckout, type CheckoutInput, type CheckoutOptions } from '../../src/lib/domain/checkout';
import { addMonthsToInstant } from '../../src/lib/domain/clock';
import { counterId, localInstant, makeLine, makeMemberAtCheckout, makeSettings, makeTiers, standingOf } from '../fixtures/factories';
import { makeCoupon } from '../fixtures/loyalty';

// normal 0 (10折, ×1) · silver ¥1,000 (9.5折, ×1.2) · gold ¥5,000 (9折, ×1.5, free delivery here) · platinum
const tiers = makeTiers().map((t) => (t.id === 'gold' ? { ...t, freeDelivery: true } : t));
// 1 point per ¥1 · 100 points = ¥1 · points pay at most 50 % · stored value earns nothing · bonus last · delivery ¥10
const settings = makeSettings();
const at = localInstant(2026, 3, 1,10, 30);
const NO_SV = { principalFen: 0, bonusFen: 0 };

function input(overrides: Partial<CheckoutInput> & { opts?: Partial<CheckoutOptions> } = {}): CheckoutInput {
  const { opts, ...rest } = overrides;
  return {
    at,
    member: null,
    storedValue: NO_SV,
    standing: standingOf(rest.member ?? null),
    tiers,
    settings,
    lines: [makeLine()],
    options: { ...NO_OPTIONS, ...opts },
    campaign: null,
    paymentMethod: 'wechat',
    assistantId: 'staff-1',
    ...rest,
  };
}

function built(i: CheckoutInput) {
  const r = buildCheckout(i, counterId());
  if (!r.ok) throw new Error(r.error);
  return r.rows;
}

const rich = makeMemberAtCheckout({ pointsBalance: 10_000 });

describe('points as cash', () => {
  it('turns 100 points into ¥1', () => {
    expect(pointsCash(1_000, 100)).toEqual({ cashFen: 1_000, pointsUsed: 1_000 });
    expect(pointsCash(250, 200)).toEqual({ cashFen: 125, pointsUsed: 250 });
    // 1.5 points a fen: 4 points buy 2 fen, which cost 3 points
    expect(pointsCash(4, 150)).toEqual({ cashFen: 2, pointsUsed: 3 });
    expect(pointsCash(0, 100)).toEqual({ cashFen: 0, pointsUsed: 0 });
  });

  it('pays ¥10 of an ¥80 bill with 1,000 points and earns on the ¥70 paid', () => {
    const rows = built(input({ member: rich, lines: [makeLine({ unitPriceFen: 8_000 })], opts: { pointsToRedeem: 1_000 } }));
    expect(rows.sale).toMatchObject({ subtotalFen: 8_000, pointsRedeemed: 1_000, pointsCashFen: 1_000, totalFen: 7_000, otherPaidFen: 7_000, pointsEarned: 70 });
    expect(rows.sale.lines).toMatchObject([{ amountFen: 8_000, pointsCashFen: 1_000, paidFen: 7_000 }]);
    expect(rows.points.map((p) => [p.id, p.kind, p.points, p.expiresAt])).toEqual([
      ['id-0002', 'redeem', -1_000, null],
      ['id-0003', 'earn', 70, addMonthsToInstant(at, 12)],
    ]);
    expect(rows.memberAggregates?.pointsBalance).toBe(10_000 - 1_000 + 70);
  });

  it('caps points at 50 % of the bill: 4,000 points on ¥80, one more is refused', () => {
    const cart = [makeLine({ unitPriceFen: 8_000 })];
    expect(quoteCheckout(input({ member: rich, lines: cart })).pointsMax).toBe(4_000);
    expect(built(input({ member: rich, lines: cart, opts: { pointsToRedeem: 4_000 } })).sale).toMatchObject({ pointsCashFen: 4_000, totalFen: 4_000 });
    expect(buildCheckout(input({ member: rich, lines: cart, opts: { pointsToRedeem: 4_001 } }), counterId())).toEqual({ ok: false, error: 'pointsRange' });
  });

  it('measures the cap on the bill after the coupon', () => {
    const coupon = makeCoupon({ valueFen: 2_000 });
    const cart = [makeLine({ unitPriceFen: 8_000 })];
    const q = quoteCheckout(input({ member: rich, lines: cart, opts: { coupon } }));
    expect(q).toMatchObject({ couponFen: 2_000, pointsMax: 3_000 }); // 50 % of ¥60
    expect(buildCheckout(input({ member: rich, lines: cart, opts: { coupon, pointsToRedeem: 3_001 } }), counterId())).toEqual({
      ok: false,
      error: 'pointsRange',
    });
  });

  it('refuses more points than she has, and nonsense amounts', () => {
    const poor = makeMemberAtCheckout({ pointsBalance: 300 });
    const cart = [makeLine({ unitPriceFen: 8_000 })];
    expect(quoteCheckout(input({ member: poor, lines: cart })).pointsMax).toBe(300);
    expect(buildCheckout(input({ member: poor, lines: cart, opts: { pointsToRedeem: 301 } }), counterId())).toEqual({ ok: false, error: 'pointsOverBalance' });
    expect(built(input({ member: poor, lines: cart, opts: { pointsToRedeem: 300 } })).sale.pointsCashFen).toBe(300);
    for (const bad of [-1, 1.5, Number.NaN])
      expect(buildCheckout(input({ member: poor, lines: cart, opts: { pointsToRedeem: bad } }), counterId())).toEqual({ ok: false, error: 'pointsRange' });
    // a negative balance allows no points at all
    const owing = makeMemberAtCheckout({ pointsBalance: -50 });
    expect(quoteCheckout(input({ member: owing, lines: cart })).pointsMax).toBe(0);
  });

  it('never lets points pay more than the goods, whatever the cap setting says', () => {
    const q = quoteCheckout(input({ member: rich, lines: [makeLine({ unitPriceFen: 8_000 })], settings: makeSettings({ pointsCashCapBp: 20_000 }) }));
    expect(q.pointsMax).toBe(8_000);
  });
});

describe('coupon + points + stored value together (银卡)', () => {
  // silver: 9.5折 per line, ×1.2 points; 200.00 points, stored value ¥300 principal + ¥30 bonus
  const member = makeMemberAtCheckout({ tierId: 'silver', pointsBalance: 20_000, storedValueFen: 33_000, lifetimeSpendFen: 150_000, visitCount: 4 });
  const storedValue = { principalFen: 30_000, bonusFen: 3_000 };
  const coupon = makeCoupon({ valueFen: 5_000, minSpendFen: 50_000 });
  const lines = [
    makeLine({ name: '奶粉', category: '奶粉', unitPriceFen: 29_800, qty: 2 }), // 59_600 → 56_620
    makeLine({ name: '纸尿裤', category: '纸尿裤', unitPriceFen: 12_900 }), // 12_900 → 12_255
    makeLine({ name: '玩具', category: '玩具', unitPriceFen: 4_590 }), // 4_590 → 4_360.5 → 4_361
  ];
  const opts = { coupon, pointsToRedeem: 12_345, storedValueFen: 32_000 };

  it('spreads each discount over the lines, to the fen, adding up exactly', () => {
    const rows = built(input({ member, storedValue, lines, opts }));
    // coupon ¥50 over 56_620 / 12_255 / 4_361: floors 3865, 836, 297 (+1 to the two largest remainders)
    // points ¥123.45 over 52_755 / 11_418 / 4_063: floors 9544, 2065, 735 (+1 to the largest remainder)
    expect(rows.sale.lines.map((l) => [l.amountFen, l.discountFen, l.couponFen, l.pointsCashFen, l.paidFen])).toEqual([
      [59_600, 2_980, 3_865, 9_544, 43_211],
      [12_900, 645, 837, 2_066, 9_352],
      [4_590, 229, 298, 735, 3_328],
    ]);
    for (const l of rows.sale.lines) expect(l.amountFen - l.discountFen - l.couponFen - l.pointsCashFen).toBe(l.paidFen);
    expect(rows.sale).toMatchObject({
      id: 'id-0001',
      subtotalFen: 77_090,
      discountFen: 3_854,
      couponId: 'c1',
      couponFen: 5_000,
      pointsRedeemed: 12_345,
      pointsCashFen: 12_345,
      totalFen: 55_891,
      deliveryFeeFen: 0,
      storedValuePrincipalFen: 30_000, // bonus last
      storedValueBonusFen: 2_000,
      otherPaidFen: 23_891,
      tierId: 'silver',
      pointsEarned: 286, // only the ¥238.91 paid by WeChat earns: 238.91 × 1.2 = 286.692
    });
  });

  it('writes the redeem and earn rows, the stored-value payment, the used coupon and the new caches', () => {
    const rows = built(input({ member, storedValue, lines, opts }));
    expect(rows.points).toEqual([
      { id: 'id-0002', memberId: 'm1', at, kind: 'redeem', points: -12_345, saleId: 'id-0001', expiresAt: null, lotId: null, reason: '', createdAt: at, updatedAt: at },
      { id: 'id-0003', memberId: 'm1', at, kind: 'earn', points: 286, saleId: 'id-0001', expiresAt: localInstant(2027, 3, 1, 10, 30), lotId: null, reason: '', createdAt: at, updatedAt: at },
    ]);
    expect(rows.storedValue).toEqual({
      id: 'id-0004',
      memberId: 'm1',
      at,
      kind: 'pay',
      principalFen: -30_000,
      bonusFen: -2_000,
      saleId: 'id-0001',
      topUpId: null,
      paymentMethod: null,
      reason: '',
      createdAt: at,
      updatedAt: at,
    });
    expect(rows.coupon).toEqual({ ...coupon, usedSaleId: 'id-0001', usedAt: at, updatedAt: at });
    expect(rows.memberAggregates).toEqual({
      tierId: 'silver',
      pointsBalance: 20_000 - 12_345 + 286,
      storedValueFen: 1_000,
      lifetimeSpendFen: 150_000 + 55_891,
      visitCount: 5,
      lastPurchaseAt: at,
    });
    expect(rows.tierChange).toBeNull();
  });

  it('spends the bonus first when the shop says so', () => {
    const rows = built(input({ member, storedValue, lines, opts, settings: makeSettings({ storedValueBonusLast: false }) }));
    expect(rows.sale).toMatchObject({ storedValuePrincipalFen: 29_000, storedValueBonusFen: 3_000 });
    expect(rows.storedValue).toMatchObject({ principalFen: -29_000, bonusFen: -3_000 });
  });

  it('earns on stored value too when the setting allows it', () => {
    const rows = built(input({ member, storedValue, lines, opts, settings: makeSettings({ storedValueEarnsPoints: true }) }));
    expect(rows.sale.pointsEarned).toBe(670); // 558.91 × 1.2 = 670.692
  });

  it('refuses stored value beyond her balance or beyond what she owes', () => {
    expect(buildCheckout(input({ member, storedValue, lines, opts: { ...opts, storedValueFen: 33_001 } }), counterId())).toEqual({
      ok: false,
      error: 'storedValueOverBalance',
    });
    const small = [makeLine({ unitPriceFen: 1_000 })]; // 9.5折: ¥9.50 due
    expect(buildCheckout(input({ member, storedValue, lines: small, opts: { storedValueFen: 951 } }), counterId())).toEqual({
      ok: false,
      error: 'storedValueRange',
    });
    expect(built(input({ member, storedValue, lines: small, opts: { storedValueFen: 950 } })).sale).toMatchObject({ otherPaidFen: 0, pointsEarned: 0 });
  });

  it('refuses the coupon with its reason', () => {
    const expired = makeCoupon({ expiresAt: at });
    expect(buildCheckout(input({ member, storedValue, lines, opts: { coupon: expired } }), counterId())).toEqual({ ok: false, error: 'coupon.expired' });
    const milk = makeCoupon({ category: '奶粉', minSpendFen: 60_000 }); // 奶粉 after 9.5折 is 566.20
    expect(buildCheckout(input({ member, storedValue, lines, opts: { coupon: milk } }), counterId())).toEqual({ ok: false, error: 'coupon.minSpend' });
    const quote = quoteCheckout(input({ member, storedValue, lines, opts: { coupon: milk } }));
    expect(quote).toMatchObject({ couponRefusal: 'minSpend', couponFen: 0 });
  });

  it('puts a category coupon on its own lines only', () => {
    const milk = makeCoupon({ category: '奶粉', valueFen: 3_000 });
    const rows = built(input({ member, storedValue, lines, opts: { coupon: milk } }));
    expect(rows.sale.lines.map((l) => l.couponFen)).toEqual([3_000, 0, 0]);
  });
});

describe('campaigns, delivery and walk-ins', () => {
  it('multiplies points by a 双倍积分日 campaign, on top of the tier', () => {
    const cart = [makeLine({ unitPriceFen: 10_000 })];
    const campaign = { id: 'double', multiplierBp: 20_000 };
    expect(built(input({ member: makeMemberAtCheckout(), lines: cart, campaign })).sale).toMatchObject({ pointsEarned: 200, campaignId: 'double' });
    // silver: ¥95 paid × 1.2 × 2 = 228
    const silver = makeMemberAtCheckout({ tierId: 'silver', lifetimeSpendFen: 100_000 });
    expect(built(input({ member: silver, lines: cart, campaign })).sale.pointsEarned).toBe(228);
    expect(built(input({ member: silver, lines: cart })).sale.pointsEarned).toBe(114);
  });

  it('charges the delivery fee, which earns nothing, and waives it for a free-delivery tier', () => {
    const cart = [makeLine({ unitPriceFen: 10_000 })];
    const normal = built(input({ member: makeMemberAtCheckout(), lines: cart, opts: { delivery: true } }));
    expect(normal.sale).toMatchObject({ totalFen: 10_000, deliveryFeeFen: 1_000, otherPaidFen: 11_000, pointsEarned: 100 });
    const gold = makeMemberAtCheckout({ tierId: 'gold', lifetimeSpendFen: 500_000 });
    const q = quoteCheckout(input({ member: gold, lines: cart, opts: { delivery: true } }));
    expect(q).toMatchObject({ totalFen: 9_000, deliveryFeeFen: 0, deliveryWaived: true, dueFen: 9_000 });
    expect(quoteCheckout(input({ member: gold, lines: cart })).deliveryWaived).toBe(false);
    // a walk-in pays it too
    expect(built(input({ lines: cart, opts: { delivery: true } })).sale).toMatchObject({ deliveryFeeFen: 1_000, otherPaidFen: 11_000 });
  });

  it('lets stored value pay the delivery too (goods first, so nothing earns)', () => {
    const m = makeMemberAtCheckout({ storedValueFen: 20_000 });
    const rows = built(input({ member: m, storedValue: { principalFen: 20_000, bonusFen: 0 }, lines: [makeLine({ unitPriceFen: 10_000 })], opts: { delivery: true, storedValueFen: 11_000 } }));
    expect(rows.sale).toMatchObject({ storedValuePrincipalFen: 11_000, otherPaidFen: 0, pointsEarned: 0 });
  });

  it('refuses every option for a walk-in', () => {
    for (const opts of [{ coupon: makeCoupon() }, { pointsToRedeem: 100 }, { storedValueFen: 100 }])
      expect(buildCheckout(input({ opts }), counterId())).toEqual({ ok: false, error: 'needsMember' });
  });
});

describe('what the owner typed, before it is checked', () => {
  it('quotes a half-typed amount as nothing and refuses it on confirming, without throwing', () => {
    const m = makeMemberAtCheckout({ pointsBalance: 1_000, storedValueFen: 5_000 });
    const sv = { principalFen: 5_000, bonusFen: 0 };
    for (const bad of [Number.NaN, -5, 2.5, Number.POSITIVE_INFINITY]) {
      const q = quoteCheckout(input({ member: m, storedValue: sv, opts: { pointsToRedeem: bad, storedValueFen: bad } }));
      expect(q).toMatchObject({ pointsRedeemed: 0, pointsCashFen: 0, storedValueFen: 0, totalFen: 1_000, otherPaidFen: 1_000 });
      expect(buildCheckout(input({ member: m, storedValue: sv, opts: { pointsToRedeem: bad } }), counterId())).toEqual({ ok: false, error: 'pointsRange' });
      expect(buildCheckout(input({ member: m, storedValue: sv, opts: { storedValueFen: bad } }), counterId())).toEqual({ ok: false, error: 'storedValueRange' });
    }
  });
});

describe('stored value paid wholly from one part', () => {
  it('writes the other part as 0, not -0', () => {
    const m = makeMemberAtCheckout({ storedValueFen: 5_000 });
    const rows = built(
      input({ member: m, storedValue: { principalFen: 0, bonusFen: 5_000 }, lines: [makeLine({ unitPriceFen: 1_000 })], opts: { storedValueFen: 1_000 } }),
    );
    expect(rows.storedValue).toMatchObject({ principalFen: 0, bonusFen: -1_000 });
    expect(Object.is(rows.storedValue?.principalFen, 0)).toBe(true);
  });
});
