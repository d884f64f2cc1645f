import { isIsoDate, type IsoDate } from './clock';
import type { Id } from './ids';

export type CampaignKind = 'doublePoints' | 'discount' | 'couponDrop';
export const CAMPAIGN_KINDS: readonly CampaignKind[] = ['doublePoints', 'discount', 'couponDrop'];

/** A marketing campaign over a date range. Double-points campaigns raise the points a sale earns. */
export interface Campaign {
  id: Id;
  name: string;
  kind: CampaignKind;
  startDate: IsoDate;
  endDate: IsoDate;
  /** Points multiplier while it runs (20000 = ×2); 10000 for kinds that do not change points. */
  multiplierBp: number;
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

/** The points boost on a day: the highest multiplier among the campaigns running then. */
export function activeBoost(
  campaigns: readonly Campaign[],
  today: IsoDate,
): { id: Id; multiplierBp: number } | null {
  let best: Campaign | null = null;
  for (const c of campaigns) {
    if (c.startDate > today || c.endDate < today || c.multiplierBp <= 10000) continue;
    if (!best || c.multiplierBp > best.multiplierBp) best = c;
  }
  return best ? { id: best.id, multiplierBp: best.multiplierBp } : null;
}

/** What the owner types for a campaign; id and timestamps are the command's. */
export type CampaignInput = Pick<Campaign, 'name' | 'kind' | 'startDate' | 'endDate' | 'multiplierBp'>;

export type CampaignError =
  'required' | 'tooLong' | 'kind' | 'dateFormat' | 'endBeforeStart' | 'multiplierRange';

/** A points campaign multiplies by more than ×1 and at most ×10 (basis points). */
export const CAMPAIGN_LIMITS = { nameLength: 40, multiplierBp: { min: 10_001, max: 100_000 } } as const;

/**
 * Field problems of a campaign: real dates with the end on or after the start (one day is fine);
 * double points needs a multiplier above ×1 (≤ ×10), other kinds keep 10000 (no points change).
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
  return e;
}
