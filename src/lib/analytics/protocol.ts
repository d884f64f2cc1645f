/**
 * The one typed request → response map between the UI (analytics/client) and the analytics worker.
 * Types only: the client imports this file, never the compute code itself.
 */
import type { IsoDate } from '../domain/clock';
import type { Period } from '../domain/period';
import type { CareSettings } from '../domain/care';
import type { MatchReason, SegmentFilter } from '../domain/segment';
import type { BehaviourResult } from './compute/behaviour';
import type { CareEntry } from './compute/care';
import type { CoPurchaseTable } from './compute/co-purchase';
import type { SuggestionUptake } from './compute/suggestion-uptake';
import type { CampaignEffect } from './compute/campaign-effect';
import type { ChurnMember, ChurnResult } from './compute/churn';
import type { HealthResult } from './compute/health';
import type { SatisfactionResult } from './compute/satisfaction';
import type { CouponRedemption, ExpiringPoints, StoredValueSplit, TierMovement } from './compute/programme';
import type { OverviewResult, RepeatFigures } from './compute/overview';
import type { RfmClass, RfmMemberRow, RfmResult } from './compute/rfm';

export type { CareEntry, CampaignEffect, CoPurchaseTable, SuggestionUptake };
export type { GroupFigures } from './compute/campaign-effect';
export type { CareDetail } from './compute/care';
export type { BehaviourResult, ChurnMember, ChurnResult, HealthResult, OverviewResult, RepeatFigures };
export type { RfmClass, RfmMemberRow, RfmResult };
export type { ChurnReason } from './compute/churn';
export type { RankedRow } from './compute/behaviour';
export type { PeriodFigures, Trend, TrendBucket } from './compute/overview';
export type { RfmClassSummary } from './compute/rfm';
export type { AssistantRow, TierRow } from './compute/health';
export type { TierMove } from './compute/programme';

export interface PeriodRequest {
  period: Period;
  previous: Period;
}

export interface OverviewRequest extends PeriodRequest {
  /** The UI's today: "active" members are counted back from it. */
  today: IsoDate;
}

export interface RepeatResult {
  current: RepeatFigures;
  before: RepeatFigures;
}

export type RfmScoringKind = 'quintile' | 'thresholds';

export interface RfmRequest {
  today: IsoDate;
  scoring: RfmScoringKind;
  /** How many members of each class to send along (the rest on demand: rfmMembers). */
  preview: number;
}

export type RfmResponse = Omit<RfmResult, 'members'> & { preview: Record<RfmClass, RfmMemberRow[]> };

export interface ChurnRequest {
  today: IsoDate;
  inactiveDays: number;
  factorPct: number;
  preview: number;
}

export type ChurnResponse = Omit<ChurnResult, 'members'> & { preview: ChurnMember[] };

/** Programme health read from the ledgers, coupons and tier history (the health page's second half). */
export interface ProgrammeResult {
  /** Points left in lots expiring after today and up to `expiringTo` (30 days on). */
  expiring: ExpiringPoints;
  expiringTo: IsoDate;
  storedValue: StoredValueSplit;
  /** Tier moves dated in the period. */
  tierMovement: TierMovement;
  /** Coupons issued in the period, and what became of them by now. */
  coupons: CouponRedemption;
}

export interface FullRequest extends PeriodRequest {
  today: IsoDate;
}

/** What a full recompute took, for the benchmark (and a curious owner). */
export interface FullResult {
  sales: number;
  members: number;
  /** Reading members and sales and building facts. */
  loadMs: number;
  /** Every analysis over the facts. */
  computeMs: number;
}

/** A member matching a segment, with why. */
export interface SegmentRow {
  id: string;
  name: string;
  phone: string;
  why: MatchReason[];
}

export interface SegmentRequest {
  filter: SegmentFilter;
  today: IsoDate;
  /** How many matching members to send along (all: Infinity is not cloneable — use a large number). */
  preview: number;
}

export interface AnalyticsApi {
  /**
   * Start the worker and open the database while the shop is idle, so the dashboard opens warm; with
   * `today`, the default period's member counts are made then too.
   */
  warmUp: [{ today?: IsoDate }, { membersTotal: number }];
  /** From daily rollups and member indexes: the dashboard's instant figures. */
  overview: [OverviewRequest, OverviewResult];
  /** Repeat-purchase rate of a period and the one before (needs who bought: reads the period's sales). */
  repeat: [PeriodRequest, RepeatResult];
  behaviour: [PeriodRequest, BehaviourResult];
  rfm: [RfmRequest, RfmResponse];
  /** Every scored member of one class (null: all), for a CSV. */
  rfmMembers: [Omit<RfmRequest, 'preview'> & { cls: RfmClass | null }, RfmMemberRow[]];
  churn: [ChurnRequest, ChurnResponse];
  churnMembers: [Omit<ChurnRequest, 'preview'>, ChurnMember[]];
  health: [PeriodRequest, HealthResult];
  programme: [OverviewRequest, ProgrammeResult];
  /** Today's care list, before the contact log's cooldown (the page applies that). */
  care: [{ today: IsoDate; settings: CareSettings }, CareEntry[]];
  /** Members matching a segment filter: the count and the first `preview` with why. */
  segment: [SegmentRequest, { count: number; members: SegmentRow[] }];
  /** The effect of a targeted campaign as of today (null: no such campaign, or it has no target). */
  campaignEffect: [{ campaignId: string; today: IsoDate }, CampaignEffect | null];
  /** Satisfaction scores: the period's mean and spread, and a twelve-month trend. */
  satisfaction: [{ period: Period }, SatisfactionResult];
  /** Co-purchase rules over all members' baskets, for the product suggestions (counted once a day by the page). */
  coPurchase: [{ minSupport: number; minConfidencePct: number }, CoPurchaseTable];
  /** How often the checkout's suggestions were taken in a period. */
  suggestionUptake: [{ period: Period }, SuggestionUptake];
  /** Drop what the worker holds in memory and recompute everything (the benchmark's full recompute). */
  full: [FullRequest, FullResult];
}

export type AnalyticsKind = keyof AnalyticsApi;
export type RequestOf<K extends AnalyticsKind> = AnalyticsApi[K][0];
export type ResponseOf<K extends AnalyticsKind> = AnalyticsApi[K][1];

export interface RequestMessage<K extends AnalyticsKind = AnalyticsKind> {
  id: number;
  /** The shop database to read (the active one: a restore may have switched it, see db/active.ts). */
  db: string;
  kind: K;
  req: RequestOf<K>;
}

export type ResponseMessage =
  | { id: number; ok: true; res: unknown }
  | { id: number; ok: false; error: string };
