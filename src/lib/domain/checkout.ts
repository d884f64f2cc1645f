import { addMonthsToInstant } from './clock';
import type { Id, NewId } from './ids';
import type { Member } from './member';
import { MAX_FEN, type Fen } from './money';
import { pointsEarned, type PointsEntry } from './points';
import type { PaymentMethod, Sale, SaleLine, TierChange } from './sale';
import type { ShopSettings } from './settings';
import { tierAfterPurchase, tierDiscount, type Tier } from './tier';

export interface CartLine {
  productId: Id | null;
  sku: string | null;
  name: string;
  brand: string;
  category: string;
  unitPriceFen: Fen;
  qty: number;
}

export type MemberAtCheckout = Pick<
  Member,
  'id' | 'tierId' | 'pointsBalance' | 'lifetimeSpendFen' | 'visitCount' | 'lastPurchaseAt'
>;

export interface CheckoutInput {
  at: number;
  member: MemberAtCheckout | null;
  tiers: readonly Tier[];
  settings: ShopSettings;
  lines: readonly CartLine[];
  paymentMethod: PaymentMethod;
  assistantId: Id | null;
}

export type CheckoutError = 'emptyCart' | 'tooManyLines' | 'qtyRange' | 'priceRange' | 'totalTooLarge';

export const MAX_LINES = 200;
export const MAX_QTY = 999;

/** The figures shown before confirming; also used to build the rows. */
export interface CheckoutQuote {
  lines: SaleLine[];
  subtotalFen: Fen;
  discountFen: Fen;
  totalFen: Fen;
  tier: Tier | null;
  pointsEarned: number;
}

export type MemberAggregates = Pick<
  Member,
  'tierId' | 'pointsBalance' | 'lifetimeSpendFen' | 'visitCount' | 'lastPurchaseAt'
>;

/** Every row a confirmed sale writes. The db command writes exactly these in one transaction. */
export interface CheckoutRows {
  sale: Sale;
  pointsEntry: PointsEntry | null;
  memberAggregates: MemberAggregates | null;
  tierChange: TierChange | null;
}

export function validateCart(lines: readonly CartLine[]): CheckoutError | null {
  if (lines.length === 0) return 'emptyCart';
  if (lines.length > MAX_LINES) return 'tooManyLines';
  let total = 0;
  for (const l of lines) {
    if (!Number.isInteger(l.qty) || l.qty < 1 || l.qty > MAX_QTY) return 'qtyRange';
    if (!Number.isSafeInteger(l.unitPriceFen) || l.unitPriceFen < 0 || l.unitPriceFen > MAX_FEN) return 'priceRange';
    total += l.unitPriceFen * l.qty;
  }
  return total > MAX_FEN * 10 ? 'totalTooLarge' : null;
}

/**
 * Price a cart for a member (or a walk-in): the tier discount per line (rounded half up per line,
 * so a partial return of a line knows exactly what was paid for it) and the points it will earn.
 */
export function quoteCheckout(
  input: Pick<CheckoutInput, 'member' | 'tiers' | 'settings' | 'lines'>,
): CheckoutQuote {
  const tier = input.member ? (input.tiers.find((t) => t.id === input.member?.tierId) ?? null) : null;
  const discountBp = tier?.discountBp ?? 10000;
  const lines: SaleLine[] = input.lines.map((l) => {
    const amountFen = l.unitPriceFen * l.qty;
    return { ...l, amountFen, paidFen: tierDiscount(amountFen, discountBp).payFen };
  });
  const subtotalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  const totalFen = lines.reduce((s, l) => s + l.paidFen, 0);
  const earned = input.member
    ? pointsEarned(totalFen, input.settings.pointsEarnRateBp, tier?.pointsMultiplierBp ?? 10000)
    : 0;
  return { lines, subtotalFen, discountFen: subtotalFen - totalFen, totalFen, tier, pointsEarned: earned };
}

/** From a confirmed cart to every row to write; throws nothing, returns an error for a bad cart. */
export function buildCheckout(
  input: CheckoutInput,
  newId: NewId,
): { ok: true; rows: CheckoutRows } | { ok: false; error: CheckoutError } {
  const error = validateCart(input.lines);
  if (error) return { ok: false, error };
  const quote = quoteCheckout(input);
  const { at, member } = input;
  const sale: Sale = {
    id: newId(),
    memberId: member?.id ?? null,
    at,
    lines: quote.lines,
    subtotalFen: quote.subtotalFen,
    discountFen: quote.discountFen,
    totalFen: quote.totalFen,
    paymentMethod: input.paymentMethod,
    tierId: quote.tier?.id ?? null,
    pointsEarned: quote.pointsEarned,
    refundOf: null,
    assistantId: input.assistantId,
    createdAt: at,
    updatedAt: at,
  };
  if (!member) return { ok: true, rows: { sale, pointsEntry: null, memberAggregates: null, tierChange: null } };

  const months = input.settings.pointsExpiryMonths;
  const pointsEntry: PointsEntry | null =
    quote.pointsEarned > 0
      ? {
          id: newId(),
          memberId: member.id,
          at,
          kind: 'earn',
          points: quote.pointsEarned,
          saleId: sale.id,
          expiresAt: months > 0 ? addMonthsToInstant(at, months) : null,
          reason: '',
          createdAt: at,
          updatedAt: at,
        }
      : null;
  const lifetimeSpendFen = member.lifetimeSpendFen + quote.totalFen;
  const newTier = tierAfterPurchase(input.tiers, member.tierId, lifetimeSpendFen);
  const tierChange: TierChange | null =
    newTier.id !== member.tierId
      ? {
          id: newId(),
          memberId: member.id,
          at,
          fromTierId: member.tierId,
          toTierId: newTier.id,
          reason: 'purchase',
          createdAt: at,
          updatedAt: at,
        }
      : null;
  const memberAggregates: MemberAggregates = {
    tierId: newTier.id,
    pointsBalance: member.pointsBalance + quote.pointsEarned,
    lifetimeSpendFen,
    visitCount: member.visitCount + 1,
    lastPurchaseAt: Math.max(member.lastPurchaseAt ?? at, at),
  };
  return { ok: true, rows: { sale, pointsEntry, memberAggregates, tierChange } };
}
