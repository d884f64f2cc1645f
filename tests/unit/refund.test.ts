import { describe, expect, it } from 'vitest';
import { buildCheckout, NO_OPTIONS, type CheckoutInput, type CheckoutRows, type MemberAggregates } from '../../src/lib/domain/checkout';
import { addMonthsToInstant } from '../../src/lib/domain/clock';
import type { Coupon } from '../../src/lib/domain/coupon';
import { allLines, buildReturn, returnedQuantities, undoMsLeft, type ReturnInput, type ReturnRows } from '../../src/lib/domain/refund';
import type { Sale } from '../../src/lib/domain/sale';
import type { ShopSettings } from '../../src/lib/domain/settings';
import type { Standing } from '../../src/lib/domain/tier';
import { counterId, localInstant, makeLine, makeMemberAtCheckout, makeSettings, makeTiers, standingOf } from '../fixtures/factories';
import { makeCoupon } from '../fixtures/loyalty';

const tiers = makeTiers(); // normal 0 · silver 100_000 (9.5折) · gold 500_000 (9折) · platinum 2_000_000
const settings = makeSettings();
const SOLD = localInstant(2026, 3, 1, 10, 30);
const BACK = localInstant(2026, 3, 3, 15, 0);
const BACK2 = localInstant(2026, 3, 5, 15, 0);

type Member = MemberAggregates & { id: string };

function sell(input: Partial<CheckoutInput>): CheckoutRows & { member: Member } {
  const member = input.member ?? makeMemberAtCheckout();
  const result = buildCheckout(
    {
      at: SOLD,
      member,
      storedValue: { principalFen: 0, bonusFen: 0 },
      standing: standingOf(member),
      tiers,
      settings,
      lines: [makeLine()],
      options: NO_OPTIONS,
      campaign: null,
      paymentMethod: 'wechat',
      assistantId: null,
      ...input,
    },
    counterId('s'),
  );
  if (!result.ok) throw new Error(result.error);
  const agg = result.rows.memberAggregates;
  if (!agg) throw new Error('no member');
  return { ...result.rows, member: { id: member.id, ...agg } };
}

function giveBack(
  sale: Sale,
  member: Member,
  lines: ReturnInput['lines'],
  extra: Partial<ReturnInput> & { settings?: ShopSettings } = {},
): ReturnRows {
  const standing: Standing = { lifetimeSpendFen: member.lifetimeSpendFen, rollingSpendFen: member.lifetimeSpendFen, visits12: member.visitCount };
  const result = buildReturn(
    { at: BACK, sale, priorReturns: [], lines, member, standing, coupon: null, earnEntryId: null, tiers, settings, assistantId: 'staff-2', ...extra },
    counterId('r'),
  );
  if (!result.ok) throw new Error(result.error);
  return result.rows;
}

/** The member after a return's rows. */
const after = (m: Member, rows: ReturnRows): Member => ({ ...m, ...rows.memberAggregates });

describe('buildReturn: a sale paid with a coupon, points and stored value', () => {
  // 3 × ¥100 奶粉 + 2 × ¥50 纸尿裤 = ¥400 at 普通 (no discount)
  // coupon ¥40 → 3000 + 1000 · points 6,000 = ¥60 → 4500 + 1500 · paid 22_500 + 7_500 = ¥300
  // stored value ¥210 (principal 200 first, then bonus 10) · WeChat ¥90, which earns 90 points
  const coupon: Coupon = makeCoupon({ valueFen: 4_000 });
  const start = makeMemberAtCheckout({ pointsBalance: 10_000, storedValueFen: 22_000 });
  const sold = sell({
    member: start,
    storedValue: { principalFen: 20_000, bonusFen: 2_000 },
    lines: [
      makeLine({ name: '奶粉', category: '奶粉', unitPriceFen: 10_000, qty: 3 }),
      makeLine({ name: '纸尿裤', category: '纸尿裤', unitPriceFen: 5_000, qty: 2 }),
    ],
    options: { ...NO_OPTIONS, coupon, pointsToRedeem: 6_000, storedValueFen: 21_000 },
  });
  const sale = sold.sale;
  const earnId = sold.points.find((p) => p.kind === 'earn')?.id ?? null;
  const usedCoupon = sold.coupon;

  it('rings the sale up as expected', () => {
    expect(sale.lines.map((l) => [l.couponFen, l.pointsCashFen, l.paidFen])).toEqual([
      [3_000, 4_500, 22_500],
      [1_000, 1_500, 7_500],
    ]);
    expect(sale).toMatchObject({ totalFen: 30_000, storedValuePrincipalFen: 20_000, storedValueBonusFen: 1_000, otherPaidFen: 9_000, pointsEarned: 90 });
    expect(sold.member).toMatchObject({ pointsBalance: 4_090, storedValueFen: 1_000, lifetimeSpendFen: 30_000, visitCount: 1 });
  });

  it('returns one 奶粉: exact money, points taken back rounded down, points and stored value given back principal first', () => {
    const rows = giveBack(sale, sold.member, [{ line: 0, qty: 1 }], { earnEntryId: earnId, coupon: usedCoupon });
    expect(rows.refund).toEqual({
      ...sale,
      id: 'r-0001',
      at: BACK,
      lines: [{ ...sale.lines[0], qty: 1, amountFen: -10_000, discountFen: 0, couponFen: -1_000, pointsCashFen: -1_500, paidFen: -7_500, sourceLine: 0 }],
      subtotalFen: -10_000,
      discountFen: 0,
      couponId: null, // a partial return keeps the coupon used
      couponFen: -1_000,
      pointsRedeemed: -1_500,
      pointsCashFen: -1_500,
      totalFen: -7_500,
      deliveryFeeFen: 0,
      storedValuePrincipalFen: -5_250, // ¥210 × 75/300 = ¥52.50, all principal
      storedValueBonusFen: 0,
      otherPaidFen: -2_250,
      pointsEarned: -22, // 90 × 75/300 = 22.5 → 22
      refundOf: sale.id,
      fullReturn: false,
      assistantId: 'staff-2',
      createdAt: BACK,
      updatedAt: BACK,
    });
    expect(rows.points).toEqual([
      { id: 'r-0002', memberId: 'm1', at: BACK, kind: 'restore', points: 1_500, saleId: 'r-0001', expiresAt: addMonthsToInstant(BACK, 12), lotId: null, reason: '', createdAt: BACK, updatedAt: BACK },
      { id: 'r-0003', memberId: 'm1', at: BACK, kind: 'reverse', points: -22, saleId: 'r-0001', expiresAt: null, lotId: earnId, reason: '', createdAt: BACK, updatedAt: BACK },
    ]);
    expect(rows.storedValue).toEqual({
      id: 'r-0004',
      memberId: 'm1',
      at: BACK,
      kind: 'refund',
      principalFen: 5_250,
      bonusFen: 0,
      saleId: 'r-0001',
      topUpId: null,
      paymentMethod: null,
      reason: '',
      createdAt: BACK,
      updatedAt: BACK,
    });
    expect(rows.coupon).toBeNull();
    expect(rows.memberAggregates).toEqual({
      tierId: 'normal',
      pointsBalance: 4_090 + 1_500 - 22,
      storedValueFen: 1_000 + 5_250,
      lifetimeSpendFen: 22_500,
      visitCount: 1,
      lastPurchaseAt: SOLD,
    });
    expect(rows.pointsShortfall).toBe(0);
  });

  it('adds two partial returns up exactly to one full return, which re-opens the coupon', () => {
    const first = giveBack(sale, sold.member, [{ line: 0, qty: 1 }], { earnEntryId: earnId, coupon: usedCoupon });
    const second = giveBack(sale, after(sold.member, first), [{ line: 0, qty: 2 }, { line: 1, qty: 2 }], {
      at: BACK2,
      priorReturns: [first.refund],
      earnEntryId: earnId,
      coupon: usedCoupon,
    });
    const whole = giveBack(sale, sold.member, [{ line: 0, qty: 3 }, { line: 1, qty: 2 }], { earnEntryId: earnId, coupon: usedCoupon });

    expect(second.refund).toMatchObject({
      totalFen: -22_500,
      couponFen: -3_000,
      pointsRedeemed: -4_500,
      pointsCashFen: -4_500,
      storedValuePrincipalFen: -14_750, // principal 200 − 52.50 already back; then the bonus
      storedValueBonusFen: -1_000,
      otherPaidFen: -6_750,
      pointsEarned: -68,
      fullReturn: true,
      couponId: coupon.id,
    });
    expect(second.refund.lines.map((l) => [l.sourceLine, l.qty, l.amountFen, l.couponFen, l.pointsCashFen, l.paidFen])).toEqual([
      [0, 2, -20_000, -2_000, -3_000, -15_000],
      [1, 2, -10_000, -1_000, -1_500, -7_500],
    ]);
    const sum = (f: (r: ReturnRows) => number) => f(first) + f(second);
    for (const pick of [
      (r: ReturnRows) => r.refund.totalFen,
      (r: ReturnRows) => r.refund.subtotalFen,
      (r: ReturnRows) => r.refund.couponFen,
      (r: ReturnRows) => r.refund.pointsRedeemed,
      (r: ReturnRows) => r.refund.pointsCashFen,
      (r: ReturnRows) => r.refund.storedValuePrincipalFen,
      (r: ReturnRows) => r.refund.storedValueBonusFen,
      (r: ReturnRows) => r.refund.otherPaidFen,
      (r: ReturnRows) => r.refund.pointsEarned,
    ])
      expect(sum(pick)).toBe(pick(whole));
    expect(whole.refund).toMatchObject({
      totalFen: -30_000,
      pointsRedeemed: -6_000,
      storedValuePrincipalFen: -20_000,
      storedValueBonusFen: -1_000,
      otherPaidFen: -9_000,
      pointsEarned: -90,
      fullReturn: true,
    });
    // Everything is undone: her points, stored value, spend and the visit; the coupon can be used again.
    for (const done of [after(after(sold.member, first), second), after(sold.member, whole)])
      expect(done).toEqual({ id: 'm1', tierId: 'normal', pointsBalance: 10_000, storedValueFen: 22_000, lifetimeSpendFen: 0, visitCount: 0, lastPurchaseAt: SOLD });
    expect(second.coupon).toEqual({ ...usedCoupon, usedSaleId: null, usedAt: null, updatedAt: BACK2 });
    expect(returnedQuantities(sale, [first.refund, second.refund])).toEqual([3, 2]);
  });

  it('refuses what cannot be returned', () => {
    const first = giveBack(sale, sold.member, [{ line: 0, qty: 3 }, { line: 1, qty: 2 }]);
    const attempt = (lines: ReturnInput['lines'], priorReturns: Sale[] = []) =>
      buildReturn(
        { at: BACK, sale, priorReturns, lines, member: sold.member, standing: standingOf(sold.member), coupon: null, earnEntryId: null, tiers, settings, assistantId: null },
        counterId(),
      );
    expect(attempt([{ line: 0, qty: 1 }], [first.refund])).toEqual({ ok: false, error: 'alreadyReturned' });
    expect(attempt([{ line: 0, qty: 4 }])).toEqual({ ok: false, error: 'qtyRange' });
    expect(attempt([{ line: 0, qty: 2 }, { line: 0, qty: 2 }])).toEqual({ ok: false, error: 'qtyRange' });
    expect(attempt([{ line: 2, qty: 1 }])).toEqual({ ok: false, error: 'qtyRange' });
    expect(attempt([{ line: 0, qty: 0.5 }])).toEqual({ ok: false, error: 'qtyRange' });
    expect(attempt([{ line: 0, qty: 0 }])).toEqual({ ok: false, error: 'nothingToReturn' });
    expect(attempt([])).toEqual({ ok: false, error: 'nothingToReturn' });
    const refundRow = first.refund;
    expect(
      buildReturn(
        { at: BACK, sale: refundRow, priorReturns: [], lines: [{ line: 0, qty: 1 }], member: null, standing: standingOf(null), coupon: null, earnEntryId: null, tiers, settings, assistantId: null },
        counterId(),
      ),
    ).toEqual({ ok: false, error: 'notASale' });
  });
});

describe('buildReturn: points already spent', () => {
  // ¥100 earns 100 points; she has spent all but 30 since.
  const sold = sell({ lines: [makeLine({ unitPriceFen: 10_000 })] });
  const spent = { ...sold.member, pointsBalance: 30 };

  it('caps the take-back at her balance and reports the shortfall', () => {
    const rows = giveBack(sold.sale, spent, [{ line: 0, qty: 1 }]);
    expect(rows.points.map((p) => [p.kind, p.points])).toEqual([['reverse', -30]]);
    expect(rows.refund.pointsEarned).toBe(-30);
    expect(rows.pointsShortfall).toBe(70);
    expect(rows.memberAggregates?.pointsBalance).toBe(0);
  });

  it('takes everything back, below zero, when the shop allows negative balances', () => {
    const rows = giveBack(sold.sale, spent, [{ line: 0, qty: 1 }], { settings: makeSettings({ allowNegativePoints: true }) });
    expect(rows.points.map((p) => [p.kind, p.points])).toEqual([['reverse', -100]]);
    expect(rows.pointsShortfall).toBe(0);
    expect(rows.memberAggregates?.pointsBalance).toBe(-70);
  });

  it('counts the points given back before capping what is taken', () => {
    // a sale that also redeemed points: what comes back pays for what is taken
    const m = makeMemberAtCheckout({ pointsBalance: 2_000 });
    const s = sell({ member: m, lines: [makeLine({ unitPriceFen: 10_000 })], options: { ...NO_OPTIONS, pointsToRedeem: 2_000 } });
    expect(s.sale).toMatchObject({ totalFen: 8_000, pointsEarned: 80 });
    const rows = giveBack(s.sale, { ...s.member, pointsBalance: 0 }, [{ line: 0, qty: 1 }]);
    expect(rows.points.map((p) => [p.kind, p.points])).toEqual([
      ['restore', 2_000],
      ['reverse', -80],
    ]);
    expect(rows.memberAggregates?.pointsBalance).toBe(1_920);
  });
});

describe('buildReturn: the tier', () => {
  it('undoes the upgrade the returned sale caused', () => {
    const m = makeMemberAtCheckout({ lifetimeSpendFen: 90_000, visitCount: 3 });
    const s = sell({ member: m, lines: [makeLine({ unitPriceFen: 10_000, qty: 2 })] }); // 110_000 → 银卡
    expect(s.tierChange).toMatchObject({ fromTierId: 'normal', toTierId: 'silver' });
    const all = giveBack(s.sale, s.member, [{ line: 0, qty: 2 }]);
    expect(all.tierChange).toEqual({
      id: expect.any(String),
      memberId: 'm1',
      at: BACK,
      fromTierId: 'silver',
      toTierId: 'normal',
      reason: 'return',
      createdAt: BACK,
      updatedAt: BACK,
    });
    expect(all.memberAggregates).toMatchObject({ tierId: 'normal', lifetimeSpendFen: 90_000, visitCount: 3 });
    // returning one of two still leaves ¥1,000: she keeps 银卡
    const half = giveBack(s.sale, s.member, [{ line: 0, qty: 1 }]);
    expect(half.tierChange).toBeNull();
    expect(half.memberAggregates).toMatchObject({ tierId: 'silver', lifetimeSpendFen: 100_000 });
  });

  it('goes back only to the tier she had when the sale was rung up', () => {
    // 银卡 with ¥450 spent (kept by grace); a ¥600 sale at 9.5折 = ¥570 takes her to 金卡
    const m = makeMemberAtCheckout({ tierId: 'silver', lifetimeSpendFen: 45_000 });
    const s = sell({ member: m, lines: [makeLine({ unitPriceFen: 600_000 })] });
    expect(s.sale.tierId).toBe('silver');
    expect(s.tierChange).toMatchObject({ toTierId: 'gold' });
    const rows = giveBack(s.sale, s.member, [{ line: 0, qty: 1 }]);
    // ¥450 qualifies for 普通 only, but she had 银卡 when buying
    expect(rows.tierChange).toMatchObject({ fromTierId: 'gold', toTierId: 'silver', reason: 'return' });
  });

  it('never lowers a tier the sale did not raise', () => {
    const m = makeMemberAtCheckout({ tierId: 'gold', lifetimeSpendFen: 0 });
    const s = sell({ member: m, lines: [makeLine({ unitPriceFen: 10_000 })] });
    const rows = giveBack(s.sale, s.member, [{ line: 0, qty: 1 }]);
    expect(rows.tierChange).toBeNull();
    expect(rows.memberAggregates?.tierId).toBe('gold');
  });
});

describe('buildReturn: a walk-in sale', () => {
  it('writes only the refund row', () => {
    const r = buildCheckout(
      { at: SOLD, member: null, storedValue: { principalFen: 0, bonusFen: 0 }, standing: standingOf(null), tiers, settings, lines: [makeLine({ unitPriceFen: 3_000, qty: 3 })], options: NO_OPTIONS, campaign: null, paymentMethod: 'cash', assistantId: null },
      counterId(),
    );
    if (!r.ok) throw new Error(r.error);
    const back = buildReturn(
      { at: BACK, sale: r.rows.sale, priorReturns: [], lines: [{ line: 0, qty: 1 }], member: null, standing: standingOf(null), coupon: null, earnEntryId: null, tiers, settings, assistantId: null },
      counterId('w'),
    );
    expect(back).toMatchObject({ ok: true, rows: { points: [], storedValue: null, coupon: null, memberAggregates: null, tierChange: null, pointsShortfall: 0 } });
    if (back.ok) expect(back.rows.refund).toMatchObject({ memberId: null, totalFen: -3_000, otherPaidFen: -3_000, refundOf: r.rows.sale.id });
  });
});

describe('undo of the last sale', () => {
  const sale = { at: 1_000_000, refundOf: null, lines: [{ qty: 2 }, { qty: 1 }] };
  it('is open for two minutes after the sale, and only while nothing came back', () => {
    expect(undoMsLeft(sale, [], 1_000_000)).toBe(120_000);
    expect(undoMsLeft(sale, [], 1_000_000 + 119_999)).toBe(1);
    expect(undoMsLeft(sale, [], 1_000_000 + 120_000)).toBe(0);
    expect(undoMsLeft(sale, [{}], 1_000_001)).toBe(0);
    expect(undoMsLeft({ ...sale, refundOf: 's0' }, [], 1_000_001)).toBe(0);
  });
  it('returns every line in full', () => {
    expect(allLines(sale as never)).toEqual([
      { line: 0, qty: 2 },
      { line: 1, qty: 1 },
    ]);
  });
});
