import { isIsoDate, type IsoDate } from './clock';
import type { Id } from './ids';

export type CampaignKind = 'doublePoints' | 'discount' | 'couponDrop';
export const CAMPAIGN_KINDS: readonly CampaignKind[] = ['doublePoints', 'discount', 'couponDrop'];

/**
 * A marketing campaign over a date range: double points raise the points a sale earns, a discount
 * takes a share off some categories at checkout, a coupon drop gives each reached member a coupon
 * when the campaign is created.
 */
export interface Campaign {
  id: Id;
  name: string;
  kind: CampaignKind;
  startDate: IsoDate;
  endDate: IsoDate;
  /** Points multiplier while it runs (20000 = ×2); 10000 for kinds that do not change points. */
  multiplierBp: number;
  /** Discount kind: the share of the price paid (8500 = 15 % off, 八五折). */
  discountBp?: number;
  /** Discount kind: the categories it covers; empty covers every category. */
  categories?: string[];
  /** Coupon-drop kind: the coupon template each reached member receives. */
  couponTemplateId?: Id;
  /** The target, fixed when the campaign is created (older campaigns have none). */
  target?: CampaignTarget;
  createdAt: number;
  updatedAt: number;
}

/**
 * Who a campaign is for: the members of a segment on the day it was created, split once into the
 * reached and a random hold-out who are not contacted, so the campaign's effect can be measured.
 */
export interface CampaignTarget {
  segmentId: Id;
  segmentName: string;
  /** Share held out, in basis points (1000 = 10 %). */
  holdoutBp: number;
  costFen: number;
  treatedIds: Id[];
  holdoutIds: Id[];
}

export const DEFAULT_HOLDOUT_BP = 1000;

/**
 * Split the target: round(n × share) members, drawn by a Fisher–Yates shuffle with `random` (uniform
 * in [0, 1)), are held out; the rest are reached. Order of the input is kept in both lists.
 */
export function splitHoldout(ids: readonly Id[], holdoutBp: number, random: () => number): { treated: Id[]; holdout: Id[] } {
  const unique = [...new Set(ids)];
  const k = Math.round((unique.length * holdoutBp) / 10000);
  const order = unique.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const held = new Set(order.slice(0, k));
  return { treated: unique.filter((_, i) => !held.has(i)), holdout: unique.filter((_, i) => held.has(i)) };
}

/** A hold-out share from 0 to 50 % and a cost of 0 or more whole fen. */
export function validateTarget(t: Pick<CampaignTarget, 'holdoutBp' | 'costFen'>): ('holdoutBp' | 'costFen')[] {
  const bad: ('holdoutBp' | 'costFen')[] = [];
  if (!Number.isInteger(t.holdoutBp) || t.holdoutBp < 0 || t.holdoutBp > 5000) bad.push('holdoutBp');
  if (!Number.isSafeInteger(t.costFen) || t.costFen < 0) bad.push('costFen');
  return bad;
}

/**
 * Whether a campaign running on `today` reaches this member: a targeted campaign reaches only its
 * treated members (never the hold-out, or the effect could not be measured); an untargeted one
 * reaches everyone, walk-ins included.
 */
export function reaches(c: Campaign, today: IsoDate, memberId: Id | null): boolean {
  if (c.startDate > today || c.endDate < today) return false;
  return !c.target || (memberId !== null && c.target.treatedIds.includes(memberId));
}

/** The points boost for her on a day: the highest multiplier among the campaigns reaching her. */
export function activeBoost(
  campaigns: readonly Campaign[],
  today: IsoDate,
  memberId: Id | null,
): { id: Id; multiplierBp: number } | null {
  let best: Campaign | null = null;
  for (const c of campaigns) {
    if (c.kind !== 'doublePoints' || c.multiplierBp <= 10000 || !reaches(c, today, memberId)) continue;
    if (!best || c.multiplierBp > best.multiplierBp) best = c;
  }
  return best ? { id: best.id, multiplierBp: best.multiplierBp } : null;
}

/** A running discount campaign as checkout needs it. */
export interface CampaignDiscount {
  id: Id;
  name: string;
  discountBp: number;
  /** Empty: every category. */
  categories: readonly string[];
}

/** The discount campaigns reaching her on a day. */
export function activeDiscounts(campaigns: readonly Campaign[], today: IsoDate, memberId: Id | null): CampaignDiscount[] {
  return campaigns
    .filter((c) => c.kind === 'discount' && c.discountBp !== undefined && reaches(c, today, memberId))
    .map((c) => ({ id: c.id, name: c.name, discountBp: c.discountBp as number, categories: c.categories ?? [] }));
}

/** The deepest discount covering a category (several campaigns never stack on one line), or null. */
export function discountFor(discounts: readonly CampaignDiscount[], category: string): CampaignDiscount | null {
  let best: CampaignDiscount | null = null;
  for (const d of discounts) {
    if (d.categories.length > 0 && !d.categories.includes(category)) continue;
    if (!best || d.discountBp < best.discountBp) best = d;
  }
  return best;
}

/** What the owner types for a campaign; id and timestamps are the command's. */
export type CampaignInput = Pick<Campaign, 'name' | 'kind' | 'startDate' | 'endDate' | 'multiplierBp' | 'discountBp' | 'categories' | 'couponTemplateId'>;

export type CampaignError =
  'required' | 'tooLong' | 'kind' | 'dateFormat' | 'endBeforeStart' | 'multiplierRange' | 'discountRange';

/** A points campaign multiplies by more than ×1 and at most ×10; a discount pays 10 %–99 % of the price. */
export const CAMPAIGN_LIMITS = {
  nameLength: 40,
  multiplierBp: { min: 10_001, max: 100_000 },
  discountBp: { min: 1_000, max: 9_900 },
} as const;

/**
 * Field problems of a campaign: real dates with the end on or after the start (one day is fine);
 * double points needs a multiplier above ×1 (≤ ×10), other kinds keep 10000 (no points change);
 * a discount needs its share; a coupon drop needs its coupon template.
 */
export function validateCampaign(c: CampaignInput): Partial<Record<keyof CampaignInput, CampaignError>> {
  const e: Partial<Record<keyof CampaignInput, CampaignError>> = {};
  if (c.name.trim() === '') e.name = 'required';
  else if (c.name.trim().length > CAMPAIGN_LIMITS.nameLength) e.name = 'tooLong';
  if (!CAMPAIGN_KINDS.includes(c.kind)) e.kind = 'kind';
  if (!isIsoDate(c.startDate)) e.startDate = 'dateFormat';
  if (!isIsoDate(c.endDate)) e.endDate = 'dateFormat';
  else if (!e.startDate && c.endDate < c.startDate) e.endDate = 'endBeforeStart';
  const m = c.multiplierBp;
  if (c.kind === 'doublePoints') {
    if (
      !Number.isSafeInteger(m) ||
      m < CAMPAIGN_LIMITS.multiplierBp.min ||
      m > CAMPAIGN_LIMITS.multiplierBp.max
    )
      e.multiplierBp = 'multiplierRange';
  } else if (m !== 10_000) e.multiplierBp = 'multiplierRange';
  if (c.kind === 'discount') {
    const d = c.discountBp;
    if (d === undefined || !Number.isInteger(d) || d < CAMPAIGN_LIMITS.discountBp.min || d > CAMPAIGN_LIMITS.discountBp.max)
      e.discountBp = 'discountRange';
  }
  if (c.kind === 'couponDrop' && !c.couponTemplateId) e.couponTemplateId = 'required';
  return e;
}
