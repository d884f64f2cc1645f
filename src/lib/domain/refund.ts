import { addMonthsToInstant } from './clock';
import { growthRow, returnGrowth, type GrowthEntry } from './growth';
import type { Coupon } from './coupon';
import type { Id, NewId } from './ids';
import type { MemberAggregates } from './checkout';
import { pointsRow, type PointsEntry } from './points';
import type { Sale, SaleLine, TierChange } from './sale';
import type { ShopSettings } from './settings';
import type { StoredValueEntry } from './stored-value';
import { qualifyingTierBy, tierRank, windowStart, type Standing, type Tier } from './tier';

export interface ReturnLine {
  /** Index of the line in the original sale. */
  line: number;
  qty: number;
}

export type ReturnError = 'notASale' | 'nothingToReturn' | 'qtyRange' | 'alreadyReturned';

export interface ReturnInput {
  at: number;
  sale: Sale;
  /** Refund rows already written for this sale. */
  priorReturns: readonly Sale[];
  lines: readonly ReturnLine[];
  member: (MemberAggregates & { id: Id }) | null;
  /** Her figures for the tier rules before this return. */
  standing: Standing;
  coupon: Coupon | null;
  /** The points lot the sale earned, taken back first. */
  earnEntryId: Id | null;
  tiers: readonly Tier[];
  settings: ShopSettings;
  assistantId: Id | null;
  /**
   * The growth the sale gave (its purchase row's parts) and what earlier returns took back of it:
   * with it, the return takes back its share (see domain/growth returnGrowth).
   */
  growth?: { spend: number; visit: number; takenBack: { spend: number; visit: number } };
}

export interface ReturnRows {
  refund: Sale;
  points: PointsEntry[];
  storedValue: StoredValueEntry | null;
  /** The coupon re-opened (a full return only). */
  coupon: Coupon | null;
  memberAggregates: MemberAggregates | null;
  tierChange: TierChange | null;
  /** Points that should have been taken back but were not (balance already spent, negative not allowed). */
  pointsShortfall: number;
  /** Her growth row taking back this return's share (absent when there is nothing to take). */
  growth?: GrowthEntry;
}

/** The part of `total` that belongs to `done` of `of` units, so partial returns add up to the whole. */
function share(total: number, done: number, of: number): number {
  if (of === 0) return 0;
  const product = total * done;
  if (Number.isSafeInteger(product)) return Math.floor(product / of);
  // Exact for amounts whose product passes 2^53 (BigInt division rounds toward zero: fix negatives).
  const n = BigInt(total) * BigInt(done);
  const d = BigInt(of);
  const q = n / d;
  return Number(n % d !== 0n && (n < 0n) !== (d < 0n) ? q - 1n : q);
}

/** The opposite amount, never -0 (it would show in exports and compare unequal to 0). */
function neg(n: number): number {
  return 0 - n;
}

/** Quantities of each original line already returned. */
export function returnedQuantities(sale: Sale, priorReturns: readonly Sale[]): number[] {
  const qty = sale.lines.map(() => 0);
  for (const r of priorReturns) for (const l of r.lines) if (l.sourceLine !== undefined) qty[l.sourceLine] = (qty[l.sourceLine] ?? 0) + l.qty;
  return qty;
}

/**
 * A full or partial return, as a new negative sale row and reversing ledger rows. Each figure is the
 * difference of one cumulative share (what the returned-so-far units are worth), so several partial
 * returns add up exactly to a full one: spend, points earned (rounded down, never more than earned),
 * points used and stored value used (given back), coupon (re-opened only by a full return).
 */
export function buildReturn(
  input: ReturnInput,
  newId: NewId,
): { ok: true; rows: ReturnRows } | { ok: false; error: ReturnError } {
  const { sale, at, member } = input;
  if (sale.refundOf !== null) return { ok: false, error: 'notASale' };
  const before = returnedQuantities(sale, input.priorReturns);
  if (before.every((q, i) => q >= (sale.lines[i]?.qty ?? 0))) return { ok: false, error: 'alreadyReturned' };
  const asked = new Map<number, number>();
  for (const r of input.lines) {
    if (!Number.isInteger(r.qty) || r.qty < 0 || !sale.lines[r.line]) return { ok: false, error: 'qtyRange' };
    asked.set(r.line, (asked.get(r.line) ?? 0) + r.qty);
  }
  for (const [i, q] of asked) if (q > (sale.lines[i]?.qty ?? 0) - (before[i] ?? 0)) return { ok: false, error: 'qtyRange' };
  if ([...asked.values()].every((q) => q === 0)) return { ok: false, error: 'nothingToReturn' };

  const refundLines: SaleLine[] = [];
  let paidBefore = 0;
  let paidAfter = 0;
  let cashBefore = 0;
  let cashAfter = 0;
  sale.lines.forEach((l, i) => {
    const was = before[i] ?? 0;
    const now = was + (asked.get(i) ?? 0);
    paidBefore += share(l.paidFen, was, l.qty);
    paidAfter += share(l.paidFen, now, l.qty);
    cashBefore += share(l.pointsCashFen, was, l.qty);
    cashAfter += share(l.pointsCashFen, now, l.qty);
    if (now === was) return;
    const part = (field: 'amountFen' | 'discountFen' | 'couponFen' | 'pointsCashFen' | 'paidFen') =>
      neg(share(l[field], now, l.qty) - share(l[field], was, l.qty));
    refundLines.push({
      ...l,
      qty: now - was,
      amountFen: part('amountFen'),
      discountFen: part('discountFen'),
      couponFen: part('couponFen'),
      pointsCashFen: part('pointsCashFen'),
      paidFen: part('paidFen'),
      sourceLine: i,
    });
  });
  const fullReturn = sale.lines.every((l, i) => (before[i] ?? 0) + (asked.get(i) ?? 0) >= l.qty);
  const refundFen = paidAfter - paidBefore;

  // Stored value paid the goods first (delivery last); the returned goods' share of it goes back,
  // principal before bonus: of everything given back for this sale so far, principal is the first part.
  const svTotal = sale.storedValuePrincipalFen + sale.storedValueBonusFen;
  const svGoods = Math.min(svTotal, sale.totalFen);
  const svBefore = share(svGoods, paidBefore, sale.totalFen);
  const svAfter = share(svGoods, paidAfter, sale.totalFen);
  const svBack = svAfter - svBefore;
  const principalBack = Math.min(svAfter, sale.storedValuePrincipalFen) - Math.min(svBefore, sale.storedValuePrincipalFen);
  const bonusBack = svBack - principalBack;

  const pointsTaken = share(sale.pointsEarned, paidAfter, sale.totalFen) - share(sale.pointsEarned, paidBefore, sale.totalFen);
  const pointsBack = share(sale.pointsRedeemed, cashAfter, sale.pointsCashFen) - share(sale.pointsRedeemed, cashBefore, sale.pointsCashFen);

  const refund: Sale = {
    ...sale,
    id: newId(),
    at,
    lines: refundLines,
    subtotalFen: refundLines.reduce((s, l) => s + l.amountFen, 0),
    discountFen: refundLines.reduce((s, l) => s + l.discountFen, 0),
    couponId: fullReturn ? sale.couponId : null,
    couponFen: refundLines.reduce((s, l) => s + l.couponFen, 0),
    pointsRedeemed: neg(pointsBack),
    pointsCashFen: refundLines.reduce((s, l) => s + l.pointsCashFen, 0),
    totalFen: neg(refundFen),
    deliveryFeeFen: 0,
    storedValuePrincipalFen: neg(principalBack),
    storedValueBonusFen: neg(bonusBack),
    otherPaidFen: neg(refundFen - svBack),
    pointsEarned: 0,
    refundOf: sale.id,
    fullReturn,
    assistantId: input.assistantId,
    createdAt: at,
    updatedAt: at,
  };
  if (!member || sale.memberId === null) {
    return { ok: true, rows: { refund, points: [], storedValue: null, coupon: null, memberAggregates: null, tierChange: null, pointsShortfall: 0 } };
  }

  const balanceAfterRestore = member.pointsBalance + pointsBack;
  const taken = input.settings.allowNegativePoints ? pointsTaken : Math.min(pointsTaken, Math.max(balanceAfterRestore, 0));
  refund.pointsEarned = neg(taken);
  const points: PointsEntry[] = [];
  if (pointsBack > 0) {
    const months = input.settings.pointsExpiryMonths;
    points.push(pointsRow(newId(), member.id, at, 'restore', pointsBack, refund.id, months > 0 ? addMonthsToInstant(at, months) : null));
  }
  if (taken > 0) {
    points.push(pointsRow(newId(), member.id, at, 'reverse', neg(taken), refund.id, null, { lotId: input.earnEntryId }));
  }
  const storedValue: StoredValueEntry | null =
    svBack > 0
      ? {
          id: newId(),
          memberId: member.id,
          at,
          kind: 'refund',
          principalFen: principalBack,
          bonusFen: bonusBack,
          saleId: refund.id,
          topUpId: null,
          paymentMethod: null,
          reason: '',
          createdAt: at,
          updatedAt: at,
        }
      : null;

  const back = input.growth ? returnGrowth({ ...input.growth, totalFen: sale.totalFen }, input.growth.takenBack, refundFen, fullReturn) : null;
  const growthBack = back ? back.spend + back.visit : 0;
  // A return counts in the 12-month figures only when its sale does (see standingFrom).
  const inWindow = sale.at >= windowStart(at);
  const standing: Standing = {
    lifetimeSpendFen: input.standing.lifetimeSpendFen - refundFen,
    rollingSpendFen: input.standing.rollingSpendFen - (inWindow ? refundFen : 0),
    visits12: input.standing.visits12 - (fullReturn && inWindow ? 1 : 0),
    growth: (input.standing.growth ?? 0) + growthBack,
  };
  // Undo an upgrade this sale caused, but never below the tier she had when it was rung up.
  const qualified = qualifyingTierBy(input.tiers, standing, input.settings.tierBasis);
  const floorRank = Math.max(tierRank(input.tiers, sale.tierId), tierRank(input.tiers, qualified.id));
  const currentRank = tierRank(input.tiers, member.tierId);
  const sorted = [...input.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen);
  const newTier = currentRank > floorRank && floorRank >= 0 ? (sorted[floorRank] ?? null) : null;
  const tierChange: TierChange | null = newTier
    ? { id: newId(), memberId: member.id, at, fromTierId: member.tierId, toTierId: newTier.id, reason: 'return', createdAt: at, updatedAt: at }
    : null;

  const memberAggregates: MemberAggregates = {
    tierId: newTier?.id ?? member.tierId,
    pointsBalance: member.pointsBalance + pointsBack - taken,
    storedValueFen: member.storedValueFen + svBack,
    lifetimeSpendFen: member.lifetimeSpendFen - refundFen,
    visitCount: member.visitCount - (fullReturn ? 1 : 0),
    lastPurchaseAt: member.lastPurchaseAt,
    ...(back ? { growthValue: (member.growthValue ?? 0) + growthBack } : {}),
  };
  const coupon = fullReturn && input.coupon ? { ...input.coupon, usedSaleId: null, usedAt: null, updatedAt: at } : null;
  const rows: ReturnRows = { refund, points, storedValue, coupon, memberAggregates, tierChange, pointsShortfall: pointsTaken - taken };
  if (back && growthBack < 0) rows.growth = growthRow(newId, member.id, at, 'return', growthBack, { saleId: sale.id, ref: refund.id, ...back });
  return { ok: true, rows };
}

/** How long after a sale the counter may undo it with one tap (a full return, never a delete). */
export const UNDO_WINDOW_MS = 2 * 60_000;

/** Milliseconds left to undo `sale` at `now`: 0 once the window has passed, it is a refund or anything came back. */
export function undoMsLeft(sale: Pick<Sale, 'at' | 'refundOf'>, priorReturns: readonly unknown[], now: number): number {
  if (sale.refundOf !== null || priorReturns.length > 0) return 0;
  return Math.max(0, sale.at + UNDO_WINDOW_MS - now);
}

/** Every line of a sale, in full: the return an undo makes. */
export function allLines(sale: Pick<Sale, 'lines'>): ReturnLine[] {
  return sale.lines.map((l, line) => ({ line, qty: l.qty }));
}
