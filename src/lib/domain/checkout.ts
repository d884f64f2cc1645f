import { allocate } from './allocate';
import { discountFor, type CampaignDiscount } from './campaign';
import { addMonthsToInstant } from './clock';
import { couponDiscount, couponRefusal, type Coupon, type CouponRefusal } from './coupon';
import type { Id, NewId } from './ids';
import type { Member } from './member';
import { MAX_FEN, type Fen } from './money';
import { pointsEarned, pointsRow, type PointsEntry } from './points';
import { growthRow, purchaseGrowth, type GrowthEntry, type GrowthWeights } from './growth';
import type { Product } from './product';
import type { PaymentMethod, Sale, SaleLine, TierChange } from './sale';
import type { ShopSettings } from './settings';
import { splitPayment, type StoredValueBalance, type StoredValueEntry } from './stored-value';
import { tierAfterPurchaseBy, tierDiscount, type Standing, type Tier } from './tier';

export interface CartLine {
  productId: Id | null;
  sku: string | null;
  name: string;
  brand: string;
  category: string;
  unitPriceFen: Fen;
  qty: number;
  /** Added from a suggestion (so their uptake can be counted). */
  suggested?: boolean;
}

/** One unit of a catalogue product as a cart line. */
export function cartLineOf(p: Pick<Product, 'id' | 'sku' | 'name' | 'brand' | 'category' | 'priceFen'>, suggested = false): CartLine {
  const line: CartLine = { productId: p.id, sku: p.sku, name: p.name, brand: p.brand, category: p.category, unitPriceFen: p.priceFen, qty: 1 };
  return suggested ? { ...line, suggested: true } : line;
}

export type MemberAtCheckout = Pick<
  Member,
  'id' | 'tierId' | 'pointsBalance' | 'storedValueFen' | 'lifetimeSpendFen' | 'visitCount' | 'lastPurchaseAt' | 'growthValue'
>;

/** What the owner chose to apply on top of the tier discount. */
export interface CheckoutOptions {
  coupon: Coupon | null;
  /** Points to pay with (capped by balance and the share of the bill points may pay). */
  pointsToRedeem: number;
  /** Amount to pay from stored value. */
  storedValueFen: Fen;
  delivery: boolean;
}

export const NO_OPTIONS: CheckoutOptions = { coupon: null, pointsToRedeem: 0, storedValueFen: 0, delivery: false };

/** An active campaign's points multiplier (双倍积分日 = 20000). */
export interface CampaignBoost {
  id: Id;
  multiplierBp: number;
}

export interface CheckoutInput {
  at: number;
  member: MemberAtCheckout | null;
  /** Her stored value split into principal and bonus (from the ledger). */
  storedValue: StoredValueBalance;
  /** Her figures for the tier rules before this sale. */
  standing: Standing;
  tiers: readonly Tier[];
  settings: ShopSettings;
  lines: readonly CartLine[];
  options: CheckoutOptions;
  campaign: CampaignBoost | null;
  /** Discount campaigns reaching this sale (deepest per line, after the tier discount). */
  discounts?: readonly CampaignDiscount[];
  /** She holds a paid card in force that includes free delivery. */
  paidFreeDelivery?: boolean;
  paymentMethod: PaymentMethod;
  assistantId: Id | null;
  /** Suggestions the checkout showed her (recorded on a member's sale, to measure their uptake). */
  suggestionsShown?: number;
  /** The growth-value weights: with them, a member's sale writes its growth row. */
  growth?: GrowthWeights;
}

export type CheckoutError =
  | 'emptyCart'
  | 'tooManyLines'
  | 'qtyRange'
  | 'priceRange'
  | 'totalTooLarge'
  | 'needsMember'
  | 'pointsRange'
  | 'pointsOverBalance'
  | 'storedValueRange'
  | 'storedValueOverBalance'
  | `coupon.${CouponRefusal}`;

export const MAX_LINES = 200;
export const MAX_QTY = 999;

/** Every figure shown before confirming, line by line; also what the rows are built from. */
export interface CheckoutQuote {
  lines: SaleLine[];
  subtotalFen: Fen;
  /** Tier discount. */
  discountFen: Fen;
  /** Discount campaigns' share, after the tier discount (the sale's discountFen holds both). */
  campaignFen: Fen;
  /** The discount campaign that took the most off (named on the summary; the sale's campaignId). */
  discountCampaign: CampaignDiscount | null;
  couponFen: Fen;
  couponRefusal: CouponRefusal | null;
  pointsRedeemed: number;
  pointsCashFen: Fen;
  /** The most points this bill may take (balance and cap). */
  pointsMax: number;
  /** Goods after every discount: her spend. */
  totalFen: Fen;
  deliveryFeeFen: Fen;
  deliveryWaived: boolean;
  /** What she owes: goods plus delivery. */
  dueFen: Fen;
  storedValueFen: Fen;
  storedValueSplit: { principalFen: Fen; bonusFen: Fen };
  /** What the payment method takes. */
  otherPaidFen: Fen;
  tier: Tier | null;
  pointsEarned: number;
}

export type MemberAggregates = Pick<
  Member,
  'tierId' | 'pointsBalance' | 'storedValueFen' | 'lifetimeSpendFen' | 'visitCount' | 'lastPurchaseAt' | 'growthValue'
>;

/** Every row a confirmed sale writes. The db command writes exactly these in one transaction. */
export interface CheckoutRows {
  sale: Sale;
  points: PointsEntry[];
  storedValue: StoredValueEntry | null;
  /** The coupon, marked used by this sale. */
  coupon: Coupon | null;
  memberAggregates: MemberAggregates | null;
  tierChange: TierChange | null;
  /** Her growth-value row for this sale (with growth weights and a member; absent otherwise). */
  growth?: GrowthEntry;
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

/** Fen that `points` pay for (rounded down) and the points that exact amount costs. */
export function pointsCash(points: number, pointsPerYuan: number): { cashFen: Fen; pointsUsed: number } {
  if (points <= 0 || pointsPerYuan <= 0) return { cashFen: 0, pointsUsed: 0 };
  const cashFen = Math.floor((points * 100) / pointsPerYuan);
  return { cashFen, pointsUsed: Math.ceil((cashFen * pointsPerYuan) / 100) };
}

/**
 * Price a cart in order: tier discount per line; coupon on its eligible lines; points as cash up to
 * the cap; then stored value and the payment method share what is due. Discounts are spread over the
 * lines they touch (to the fen, adding up exactly), so a return knows what each line really cost.
 * Points are earned on what was actually paid — never on discounts, points or (by default) stored value.
 */
export function quoteCheckout(
  input: Pick<CheckoutInput, 'member' | 'tiers' | 'settings' | 'lines' | 'options' | 'storedValue' | 'campaign' | 'discounts' | 'at' | 'paidFreeDelivery'>,
): CheckoutQuote {
  const { member, settings, options } = input;
  const tier = member ? (input.tiers.find((t) => t.id === member.tierId) ?? null) : null;
  const discountBp = tier?.discountBp ?? 10000;

  const amounts = input.lines.map((l) => l.unitPriceFen * l.qty);
  const afterTier = amounts.map((a) => tierDiscount(a, discountBp).payFen);
  // A campaign's discount comes after the tier's, rounded the same way (half up, per line).
  const lineDeals = input.lines.map((l) => discountFor(input.discounts ?? [], l.category));
  const afterDeals = afterTier.map((a, i) => (lineDeals[i] ? tierDiscount(a, lineDeals[i].discountBp).payFen : a));

  const coupon = member ? options.coupon : null;
  const couponLines = input.lines.map((l, i) => ({ category: l.category, amountFen: afterDeals[i] ?? 0 }));
  const refusal = coupon ? couponRefusal(coupon, member?.id ?? null, couponLines, input.at) : null;
  const couponFen = coupon && !refusal ? couponDiscount(coupon, couponLines) : 0;
  const eligibleWeights = couponLines.map((l) => (coupon && (coupon.category === null || l.category === coupon.category) ? l.amountFen : 0));
  const couponParts = allocate(couponFen, eligibleWeights);
  const afterCoupon = afterDeals.map((a, i) => a - (couponParts[i] ?? 0));
  const goodsAfterCoupon = afterCoupon.reduce((s, a) => s + a, 0);

  // Points never pay more than the goods, whatever the setting says.
  const capBp = Math.min(Math.max(settings.pointsCashCapBp, 0), 10000);
  const capFen = Math.floor((goodsAfterCoupon * capBp) / 10000);
  const balance = member ? Math.max(member.pointsBalance, 0) : 0;
  const pointsMax = Math.min(balance, Math.floor((capFen * settings.pointsPerYuanRedeemed) / 100));
  // What the owner typed may be anything; the quote prices only whole amounts (checkOptions refuses the rest).
  const asked = (n: number) => (Number.isSafeInteger(n) && n > 0 ? n : 0);
  const requested = Math.min(asked(options.pointsToRedeem), pointsMax);
  const { cashFen: pointsCashFen, pointsUsed } = pointsCash(requested, settings.pointsPerYuanRedeemed);
  const pointsParts = allocate(pointsCashFen, afterCoupon);

  const lines: SaleLine[] = input.lines.map((l, i) => {
    const amountFen = amounts[i] ?? 0;
    const c = couponParts[i] ?? 0;
    const p = pointsParts[i] ?? 0;
    return {
      ...l,
      amountFen,
      discountFen: amountFen - (afterDeals[i] ?? 0),
      couponFen: c,
      pointsCashFen: p,
      paidFen: (afterCoupon[i] ?? 0) - p,
    };
  });
  const subtotalFen = amounts.reduce((s, a) => s + a, 0);
  const totalFen = lines.reduce((s, l) => s + l.paidFen, 0);
  const deliveryWaived = options.delivery && Boolean(member) && ((tier?.freeDelivery ?? false) || (input.paidFreeDelivery ?? false));
  const deliveryFeeFen = options.delivery && !deliveryWaived ? settings.deliveryFeeFen : 0;
  const dueFen = totalFen + deliveryFeeFen;

  const svRequested = member ? Math.min(asked(options.storedValueFen), dueFen) : 0;
  const split = splitPayment(svRequested, input.storedValue, settings.storedValueBonusLast) ?? { principalFen: 0, bonusFen: 0 };
  const storedValueFen = split.principalFen + split.bonusFen;

  // Stored value pays goods first; only what the member paid otherwise (or, by setting, from the balance) earns.
  const earnBase = settings.storedValueEarnsPoints ? totalFen : Math.max(0, totalFen - storedValueFen);
  const multiplierBp = Math.floor(((tier?.pointsMultiplierBp ?? 10000) * (input.campaign?.multiplierBp ?? 10000)) / 10000);
  const earned = member ? pointsEarned(earnBase, settings.pointsEarnRateBp, multiplierBp) : 0;

  return {
    lines,
    subtotalFen,
    discountFen: subtotalFen - sum(afterTier),
    campaignFen: sum(afterTier) - sum(afterDeals),
    discountCampaign: biggestDeal(lineDeals, afterTier.map((a, i) => a - (afterDeals[i] ?? 0))),
    couponFen,
    couponRefusal: refusal,
    pointsRedeemed: pointsUsed,
    pointsCashFen,
    pointsMax,
    totalFen,
    deliveryFeeFen,
    deliveryWaived,
    dueFen,
    storedValueFen,
    storedValueSplit: split,
    otherPaidFen: dueFen - storedValueFen,
    tier,
    pointsEarned: earned,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** The campaign whose discount took the most off this cart. */
function biggestDeal(deals: readonly (CampaignDiscount | null)[], offFen: readonly number[]): CampaignDiscount | null {
  const off = new Map<CampaignDiscount, number>();
  deals.forEach((d, i) => d && off.set(d, (off.get(d) ?? 0) + (offFen[i] ?? 0)));
  let best: CampaignDiscount | null = null;
  for (const [d, fen] of off) if (fen > 0 && (best === null || fen > (off.get(best) ?? 0))) best = d;
  return best;
}

/** What the owner asked for that the rules refuse (the quote silently caps; confirming must not). */
export function checkOptions(input: CheckoutInput, quote: CheckoutQuote): CheckoutError | null {
  const { options, member } = input;
  if (!member && (options.coupon || options.pointsToRedeem > 0 || options.storedValueFen > 0)) return 'needsMember';
  if (!Number.isInteger(options.pointsToRedeem) || options.pointsToRedeem < 0) return 'pointsRange';
  if (member && options.pointsToRedeem > Math.max(member.pointsBalance, 0)) return 'pointsOverBalance';
  if (options.pointsToRedeem > quote.pointsMax) return 'pointsRange';
  if (!Number.isSafeInteger(options.storedValueFen) || options.storedValueFen < 0 || options.storedValueFen > quote.dueFen)
    return 'storedValueRange';
  if (options.storedValueFen > input.storedValue.principalFen + input.storedValue.bonusFen) return 'storedValueOverBalance';
  if (quote.couponRefusal) return `coupon.${quote.couponRefusal}`;
  return null;
}

/** From a confirmed cart to every row to write; a bad cart or a refused option is returned as an error. */
export function buildCheckout(
  input: CheckoutInput,
  newId: NewId,
): { ok: true; rows: CheckoutRows } | { ok: false; error: CheckoutError } {
  const error = validateCart(input.lines);
  if (error) return { ok: false, error };
  const quote = quoteCheckout(input);
  const refused = checkOptions(input, quote);
  if (refused) return { ok: false, error: refused };
  const { at, member } = input;
  const coupon = member && input.options.coupon ? input.options.coupon : null;
  const sale: Sale = {
    id: newId(),
    memberId: member?.id ?? null,
    at,
    lines: quote.lines,
    subtotalFen: quote.subtotalFen,
    discountFen: quote.discountFen + quote.campaignFen,
    couponId: coupon?.id ?? null,
    couponFen: quote.couponFen,
    pointsRedeemed: quote.pointsRedeemed,
    pointsCashFen: quote.pointsCashFen,
    totalFen: quote.totalFen,
    deliveryFeeFen: quote.deliveryFeeFen,
    storedValuePrincipalFen: quote.storedValueSplit.principalFen,
    storedValueBonusFen: quote.storedValueSplit.bonusFen,
    otherPaidFen: quote.otherPaidFen,
    paymentMethod: input.paymentMethod,
    tierId: quote.tier?.id ?? null,
    campaignId: input.campaign?.id ?? quote.discountCampaign?.id ?? null,
    pointsEarned: quote.pointsEarned,
    refundOf: null,
    fullReturn: false,
    assistantId: input.assistantId,
    ...(member && input.suggestionsShown ? { suggestionsShown: input.suggestionsShown } : {}),
    createdAt: at,
    updatedAt: at,
  };
  if (!member) return { ok: true, rows: { sale, points: [], storedValue: null, coupon: null, memberAggregates: null, tierChange: null } };

  const points: PointsEntry[] = [];
  if (quote.pointsRedeemed > 0)
    points.push(pointsRow(newId(), member.id, at, 'redeem', -quote.pointsRedeemed, sale.id, null));
  if (quote.pointsEarned > 0) {
    const months = input.settings.pointsExpiryMonths;
    points.push(pointsRow(newId(), member.id, at, 'earn', quote.pointsEarned, sale.id, months > 0 ? addMonthsToInstant(at, months) : null));
  }
  const storedValue: StoredValueEntry | null =
    quote.storedValueFen > 0
      ? {
          id: newId(),
          memberId: member.id,
          at,
          kind: 'pay',
          // 0 - x: a part of 0 is written as 0, not -0.
          principalFen: 0 - quote.storedValueSplit.principalFen,
          bonusFen: 0 - quote.storedValueSplit.bonusFen,
          saleId: sale.id,
          topUpId: null,
          paymentMethod: null,
          reason: '',
          createdAt: at,
          updatedAt: at,
        }
      : null;

  const gained = input.growth ? purchaseGrowth(quote.totalFen, input.growth) : null;
  const growthGained = gained ? gained.spend + gained.visit : 0;
  const standing: Standing = {
    lifetimeSpendFen: input.standing.lifetimeSpendFen + quote.totalFen,
    rollingSpendFen: input.standing.rollingSpendFen + quote.totalFen,
    visits12: input.standing.visits12 + 1,
    growth: (input.standing.growth ?? 0) + growthGained,
  };
  const newTier = tierAfterPurchaseBy(input.tiers, member.tierId, standing, input.settings.tierBasis);
  const tierChange: TierChange | null =
    newTier.id !== member.tierId
      ? { id: newId(), memberId: member.id, at, fromTierId: member.tierId, toTierId: newTier.id, reason: 'purchase', createdAt: at, updatedAt: at }
      : null;
  const memberAggregates: MemberAggregates = {
    tierId: newTier.id,
    pointsBalance: member.pointsBalance - quote.pointsRedeemed + quote.pointsEarned,
    storedValueFen: member.storedValueFen - quote.storedValueFen,
    lifetimeSpendFen: member.lifetimeSpendFen + quote.totalFen,
    visitCount: member.visitCount + 1,
    lastPurchaseAt: Math.max(member.lastPurchaseAt ?? at, at),
    ...(gained ? { growthValue: (member.growthValue ?? 0) + growthGained } : {}),
  };
  const usedCoupon = coupon ? { ...coupon, usedSaleId: sale.id, usedAt: at, updatedAt: at } : null;
  const rows: CheckoutRows = { sale, points, storedValue, coupon: usedCoupon, memberAggregates, tierChange };
  if (gained && growthGained > 0) rows.growth = growthRow(newId, member.id, at, 'purchase', growthGained, { saleId: sale.id, ...gained });
  return { ok: true, rows };
}
