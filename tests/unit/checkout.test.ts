import { describe, expect, it } from 'vitest';
import {
  buildCheckout,
  MAX_LINES,
  MAX_QTY,
  NO_OPTIONS,
  quoteCheckout,
  validateCart,
  type CheckoutInput,
} from '../../src/lib/domain/checkout';
import { addMonthsToInstant } from '../../src/lib/domain/clock';
import { MAX_FEN } from '../../src/lib/domain/money';
import { counterId, localInstant, makeLine, makeMemberAtCheckout, makeSettings, makeTiers, standingOf } from '../fixtures/factories';

// normal 0 (10折, ×1) · silver ¥1,000 (9.5折, ×1.2) · gold ¥5,000 (9折, ×1.5) · platinum ¥20,000 (8折, ×2)
const tiers = makeTiers();
const settings = makeSettings(); // 1 point per ¥1, lots live 12 months
const at = localInstant(2026, 3, 1, 10, 30);
const DAY = 86_400_000;

const NO_STORED_VALUE = { principalFen: 0, bonusFen: 0 };

/** A checkout with no options; her standing for the tier rules is what her member row says. */
function input(overrides: Partial<CheckoutInput>): CheckoutInput {
  return {
    at,
    member: null,
    storedValue: NO_STORED_VALUE,
    standing: standingOf(overrides.member ?? null),
    tiers,
    settings,
    lines: [makeLine()],
    options: NO_OPTIONS,
    campaign: null,
    paymentMethod: 'wechat',
    assistantId: 'staff-1',
    ...overrides,
  };
}

/** What quoteCheckout needs besides the member, the tiers, the settings and the cart. */
const quoteBase = { at, options: NO_OPTIONS, storedValue: NO_STORED_VALUE, campaign: null };

describe('validateCart', () => {
  it('refuses an empty cart', () => {
    expect(validateCart([])).toBe('emptyCart');
  });

  it.each([0, -1, 1.5, MAX_QTY + 1, Number.NaN])('refuses qty %s', (qty) => {
    expect(validateCart([makeLine({ qty })])).toBe('qtyRange');
  });

  it.each([-1, 1.5, MAX_FEN + 1, Number.NaN])('refuses unit price %s', (unitPriceFen) => {
    expect(validateCart([makeLine({ unitPriceFen })])).toBe('priceRange');
  });

  it('accepts the edges: qty 1 and 999, price 0 and MAX_FEN', () => {
    expect(validateCart([makeLine({ qty: 1, unitPriceFen: 0 })])).toBeNull();
    expect(validateCart([makeLine({ qty: MAX_QTY, unitPriceFen: 1 })])).toBeNull();
    expect(validateCart([makeLine({ qty: 1, unitPriceFen: MAX_FEN })])).toBeNull();
  });

  it('reports the first bad line', () => {
    expect(validateCart([makeLine(), makeLine({ qty: 0 }), makeLine({ unitPriceFen: -1 })])).toBe('qtyRange');
  });

  it('limits the number of lines', () => {
    expect(validateCart(Array.from({ length: MAX_LINES }, () => makeLine()))).toBeNull();
    expect(validateCart(Array.from({ length: MAX_LINES + 1 }, () => makeLine()))).toBe('tooManyLines');
  });

  it('limits the total to 10 × MAX_FEN', () => {
    expect(validateCart(Array.from({ length: 10 }, () => makeLine({ unitPriceFen: MAX_FEN })))).toBeNull();
    expect(validateCart(Array.from({ length: 11 }, () => makeLine({ unitPriceFen: MAX_FEN })))).toBe('totalTooLarge');
  });
});

describe('quoteCheckout', () => {
  it('gives a walk-in no discount and no points, even when the lowest tier has a discount', () => {
    const discounted = tiers.map((t) => (t.id === 'normal' ? { ...t, discountBp: 9500 } : t));
    const q = quoteCheckout({
      ...quoteBase,
      member: null,
      tiers: discounted,
      settings,
      lines: [makeLine({ unitPriceFen: 1990, qty: 2 }), makeLine({ unitPriceFen: 4500 })],
    });
    expect(q).toEqual({
      lines: [
        { ...makeLine({ unitPriceFen: 1990, qty: 2 }), amountFen: 3980, discountFen: 0, couponFen: 0, pointsCashFen: 0, paidFen: 3980 },
        { ...makeLine({ unitPriceFen: 4500 }), amountFen: 4500, discountFen: 0, couponFen: 0, pointsCashFen: 0, paidFen: 4500 },
      ],
      subtotalFen: 8480,
      discountFen: 0,
      campaignFen: 0,
      discountCampaign: null,
      couponFen: 0,
      couponRefusal: null,
      pointsRedeemed: 0,
      pointsCashFen: 0,
      pointsMax: 0,
      totalFen: 8480,
      deliveryFeeFen: 0,
      deliveryWaived: false,
      dueFen: 8480,
      storedValueFen: 0,
      storedValueSplit: { principalFen: 0, bonusFen: 0 },
      otherPaidFen: 8480,
      tier: null,
      pointsEarned: 0,
    });
  });

  it('applies a 9.5折 tier per line, rounding each line half up', () => {
    const q = quoteCheckout({
      ...quoteBase,
      member: makeMemberAtCheckout({ tierId: 'silver' }),
      tiers,
      settings,
      lines: [makeLine({ unitPriceFen: 1990 }), makeLine({ unitPriceFen: 1990 })],
    });
    // each line 1890.5 → 1891; rounding the total (3781) would give one fen less
    expect(q.lines.map((l) => l.paidFen)).toEqual([1891, 1891]);
    expect(q.subtotalFen).toBe(3980);
    expect(q.totalFen).toBe(3782);
    expect(q.discountFen).toBe(198);
    expect(q.tier?.id).toBe('silver');
    expect(q.pointsEarned).toBe(45); // 37.82 × 1.2 = 45.384
  });

  it('charges full price and ×1 points when the member tier no longer exists', () => {
    const q = quoteCheckout({
      ...quoteBase,
      member: makeMemberAtCheckout({ tierId: 'removed' }),
      tiers,
      settings,
      lines: [makeLine({ unitPriceFen: 1990 })],
    });
    expect(q.tier).toBeNull();
    expect(q.totalFen).toBe(1990);
    expect(q.pointsEarned).toBe(19);
  });

  it('uses the shop earn rate', () => {
    const q = quoteCheckout({
      ...quoteBase,
      member: makeMemberAtCheckout(),
      tiers,
      settings: makeSettings({ pointsEarnRateBp: 20000 }),
      lines: [makeLine({ unitPriceFen: 1990 })],
    });
    expect(q.pointsEarned).toBe(39); // 19.90 × 2 = 39.8
  });
});

describe('buildCheckout', () => {
  it('writes only a sale for a walk-in', () => {
    const newId = counterId();
    const lines = [makeLine({ name: '奶瓶', unitPriceFen: 1990, qty: 2 }), makeLine({ name: '湿巾', unitPriceFen: 4500 })];
    const result = buildCheckout(input({ lines, paymentMethod: 'cash' }), newId);
    expect(result).toEqual({
      ok: true,
      rows: {
        sale: {
          id: 'id-0001',
          memberId: null,
          at,
          lines: [
            { ...lines[0], amountFen: 3980, discountFen: 0, couponFen: 0, pointsCashFen: 0, paidFen: 3980 },
            { ...lines[1], amountFen: 4500, discountFen: 0, couponFen: 0, pointsCashFen: 0, paidFen: 4500 },
          ],
          subtotalFen: 8480,
          discountFen: 0,
          couponId: null,
          couponFen: 0,
          pointsRedeemed: 0,
          pointsCashFen: 0,
          totalFen: 8480,
          deliveryFeeFen: 0,
          storedValuePrincipalFen: 0,
          storedValueBonusFen: 0,
          otherPaidFen: 8480,
          paymentMethod: 'cash',
          tierId: null,
          campaignId: null,
          pointsEarned: 0,
          refundOf: null,
          fullReturn: false,
          assistantId: 'staff-1',
          createdAt: at,
          updatedAt: at,
        },
        points: [],
        storedValue: null,
        coupon: null,
        memberAggregates: null,
        tierChange: null,
      },
    });
    expect(newId.count).toBe(1);
  });

  it('prices a member at 9.5折, earns points at ×1.2 and updates her aggregates', () => {
    const newId = counterId();
    const member = makeMemberAtCheckout({
      id: 'm1',
      tierId: 'silver',
      pointsBalance: 200,
      lifetimeSpendFen: 150_000,
      visitCount: 5,
      lastPurchaseAt: at - 10 * DAY,
    });
    const lines = [
      makeLine({ sku: 'A', unitPriceFen: 1990 }), // 1890.5 → 1891
      makeLine({ sku: 'B', unitPriceFen: 1999 }), // 1899.05 → 1899
      makeLine({ sku: 'C', unitPriceFen: 10000, qty: 3 }), // 30000 → 28500
    ];
    const result = buildCheckout(input({ member, lines }), newId);
    if (!result.ok) throw new Error(result.error);
    const { sale, points, memberAggregates, tierChange } = result.rows;
    expect(sale.lines.map((l) => [l.amountFen, l.paidFen])).toEqual([
      [1990, 1891],
      [1999, 1899],
      [30000, 28500],
    ]);
    expect(sale).toMatchObject({
      id: 'id-0001',
      memberId: 'm1',
      subtotalFen: 33989,
      discountFen: 1699,
      totalFen: 32290,
      paymentMethod: 'wechat',
      tierId: 'silver',
      pointsEarned: 387, // 322.90 × 1.2 = 387.48
      refundOf: null,
    });
    expect(points).toEqual([
      {
        id: 'id-0002',
        memberId: 'm1',
        at,
        kind: 'earn',
        points: 387,
        saleId: 'id-0001',
        expiresAt: localInstant(2027, 3, 1, 10, 30),
        lotId: null,
        reason: '',
        createdAt: at,
        updatedAt: at,
      },
    ]);
    // 150_000 + 32_290 = 182_290 < 500_000: still silver
    expect(tierChange).toBeNull();
    expect(memberAggregates).toEqual({
      tierId: 'silver',
      pointsBalance: 587,
      storedValueFen: 0,
      lifetimeSpendFen: 182_290,
      visitCount: 6,
      lastPurchaseAt: at,
    });
    expect(newId.count).toBe(2);
  });

  it('counts a 0-yuan sale as a visit, earns 0 points and writes no points entry', () => {
    const newId = counterId();
    const member = makeMemberAtCheckout({ pointsBalance: 50, lifetimeSpendFen: 20_000, visitCount: 2, lastPurchaseAt: at - DAY });
    const result = buildCheckout(input({ member, lines: [makeLine({ name: '赠品', unitPriceFen: 0, qty: 2 })] }), newId);
    if (!result.ok) throw new Error(result.error);
    expect(result.rows.sale).toMatchObject({ subtotalFen: 0, discountFen: 0, totalFen: 0, pointsEarned: 0, tierId: 'normal' });
    expect(result.rows.points).toEqual([]);
    expect(result.rows.tierChange).toBeNull();
    expect(result.rows.memberAggregates).toEqual({
      tierId: 'normal',
      pointsBalance: 50,
      storedValueFen: 0,
      lifetimeSpendFen: 20_000,
      visitCount: 3,
      lastPurchaseAt: at,
    });
    expect(newId.count).toBe(1);
  });

  it('upgrades straight across two thresholds, with points at the tier before the upgrade', () => {
    const newId = counterId();
    const member = makeMemberAtCheckout({ tierId: 'normal', pointsBalance: 90, lifetimeSpendFen: 90_000, visitCount: 3 });
    const lines = [makeLine({ unitPriceFen: 14_000, qty: 30 })]; // ¥4,200
    const result = buildCheckout(input({ member, lines }), newId);
    if (!result.ok) throw new Error(result.error);
    const { sale, points, memberAggregates, tierChange } = result.rows;
    expect(sale).toMatchObject({ subtotalFen: 420_000, discountFen: 0, totalFen: 420_000, tierId: 'normal', pointsEarned: 4200 });
    expect(points.map((p) => p.points)).toEqual([4200]); // ×1 (normal), not ×1.5 (gold: 6300)
    // 90_000 + 420_000 = 510_000 ≥ 500_000: normal → gold in one step, past silver
    expect(tierChange).toEqual({
      id: 'id-0003',
      memberId: 'm1',
      at,
      fromTierId: 'normal',
      toTierId: 'gold',
      reason: 'purchase',
      createdAt: at,
      updatedAt: at,
    });
    expect(memberAggregates).toEqual({
      tierId: 'gold',
      pointsBalance: 4290,
      storedValueFen: 0,
      lifetimeSpendFen: 510_000,
      visitCount: 4,
      lastPurchaseAt: at,
    });
  });

  it('applies the old tier discount and multiplier on the sale that upgrades', () => {
    const member = makeMemberAtCheckout({ tierId: 'silver', lifetimeSpendFen: 450_000, visitCount: 10, pointsBalance: 0 });
    const result = buildCheckout(input({ member, lines: [makeLine({ unitPriceFen: 60_000 })] }), counterId());
    if (!result.ok) throw new Error(result.error);
    // silver 9.5折: 60_000 → 57_000; points 570 × 1.2 = 684 (gold would give 540 × 1.5 = 810 on 54_000)
    expect(result.rows.sale).toMatchObject({ totalFen: 57_000, discountFen: 3000, pointsEarned: 684, tierId: 'silver' });
    expect(result.rows.tierChange).toMatchObject({ fromTierId: 'silver', toTierId: 'gold' });
    expect(result.rows.memberAggregates?.lifetimeSpendFen).toBe(507_000);
  });

  it('upgrades when the new spend lands exactly on the threshold', () => {
    const member = makeMemberAtCheckout({ tierId: 'normal', lifetimeSpendFen: 99_000 });
    const result = buildCheckout(input({ member, lines: [makeLine({ unitPriceFen: 1000 })] }), counterId());
    if (!result.ok) throw new Error(result.error);
    expect(result.rows.tierChange).toMatchObject({ fromTierId: 'normal', toTierId: 'silver' });
    expect(result.rows.memberAggregates?.lifetimeSpendFen).toBe(100_000);
  });

  it('never downgrades a member whose tier sits above her spend', () => {
    const member = makeMemberAtCheckout({ tierId: 'gold', lifetimeSpendFen: 0 });
    const result = buildCheckout(input({ member, lines: [makeLine({ unitPriceFen: 1000 })] }), counterId());
    if (!result.ok) throw new Error(result.error);
    expect(result.rows.tierChange).toBeNull();
    expect(result.rows.memberAggregates?.tierId).toBe('gold');
    expect(result.rows.sale.totalFen).toBe(900); // gold 9折
    expect(result.rows.sale.pointsEarned).toBe(13); // 9.00 × 1.5 = 13.5
  });

  it('sets the lot expiry 12 calendar months later, clamped at month end', () => {
    const member = makeMemberAtCheckout();
    const endOfJan = localInstant(2026, 1, 31, 18, 5);
    const r1 = buildCheckout(input({ at: endOfJan, member, settings: makeSettings({ pointsExpiryMonths: 1 }) }), counterId());
    if (!r1.ok) throw new Error(r1.error);
    expect(r1.rows.points[0]?.expiresAt).toBe(localInstant(2026, 2, 28, 18, 5));

    const leap = localInstant(2024, 2, 29, 9, 0);
    const r2 = buildCheckout(input({ at: leap, member }), counterId());
    if (!r2.ok) throw new Error(r2.error);
    expect(r2.rows.points[0]?.expiresAt).toBe(localInstant(2025, 2, 28, 9, 0));
    expect(r2.rows.points[0]?.expiresAt).toBe(addMonthsToInstant(leap, 12));
  });

  it('writes expiresAt null when points never expire', () => {
    const member = makeMemberAtCheckout();
    const result = buildCheckout(input({ member, settings: makeSettings({ pointsExpiryMonths: 0 }) }), counterId());
    if (!result.ok) throw new Error(result.error);
    expect(result.rows.points).toMatchObject([{ kind: 'earn', points: 10, expiresAt: null }]);
  });

  it('keeps a later lastPurchaseAt when a sale is back-dated', () => {
    const member = makeMemberAtCheckout({ lastPurchaseAt: at + DAY, visitCount: 1 });
    const result = buildCheckout(input({ member }), counterId());
    if (!result.ok) throw new Error(result.error);
    expect(result.rows.memberAggregates?.lastPurchaseAt).toBe(at + DAY);
  });

  it('returns the cart error and uses no ids', () => {
    const newId = counterId();
    expect(buildCheckout(input({ lines: [] }), newId)).toEqual({ ok: false, error: 'emptyCart' });
    expect(buildCheckout(input({ lines: [makeLine({ qty: 1000 })] }), newId)).toEqual({ ok: false, error: 'qtyRange' });
    expect(buildCheckout(input({ lines: [makeLine({ qty: 1.5 })] }), newId)).toEqual({ ok: false, error: 'qtyRange' });
    expect(buildCheckout(input({ lines: [makeLine({ qty: 0 })] }), newId)).toEqual({ ok: false, error: 'qtyRange' });
    expect(buildCheckout(input({ lines: [makeLine({ unitPriceFen: -100 })] }), newId)).toEqual({
      ok: false,
      error: 'priceRange',
    });
    expect(newId.count).toBe(0);
  });
});
