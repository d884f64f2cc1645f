/**
 * Campaign effect (活动效果): did the campaign make its target spend more than they would have anyway?
 * The hold-out group — a random share of the target, fixed when the campaign was created and never
 * contacted — says what "anyway" is. Uplift is the difference of the two groups' mean spend per member
 * during the campaign, with a 95 % confidence interval (Welch: unequal variances, normal quantile —
 * fine for the dozens to thousands of members a campaign targets).
 */
import type { IsoDate } from '../../domain/clock';
import { dayNumber, isoOfDay, type Period } from '../../domain/period';
import { memberSales, type Facts } from './facts';

export interface CampaignEffectInput {
  /** The days the campaign ran, both included. */
  running: Period;
  costFen: number;
  /** Members targeted and reached (the hold-out excluded). */
  treatedIds: readonly string[];
  /** Members targeted but held out. */
  holdoutIds: readonly string[];
}

/** Net spend (refunds subtracted) of one group in each window, and how many bought. */
export interface GroupFigures {
  members: number;
  /** Bought at least once during the campaign. */
  participants: number;
  participationBp: number;
  beforeFen: number;
  duringFen: number;
  afterFen: number;
  /** Mean spend per member during the campaign, in fen (rounded half up). */
  meanDuringFen: number;
}

export interface CampaignEffect {
  /** The windows compared: as long as the campaign, just before and just after it. */
  before: Period;
  running: Period;
  after: Period;
  treated: GroupFigures;
  holdout: GroupFigures;
  /**
   * Extra spend per treated member over the hold-out's (fen), with its 95 % interval; null when a
   * group has fewer than 2 members (no variance to speak of).
   */
  upliftPerMemberFen: number | null;
  ciLowFen: number | null;
  ciHighFen: number | null;
  /** Uplift per member × treated members: the sales the campaign itself brought. */
  upliftTotalFen: number | null;
  /** upliftTotal ÷ cost in basis points (10000 = the cost came back once); null without a cost or an uplift. */
  returnOnCostBp: number | null;
  /** After the campaign ended; false while it runs (the "after" window is not complete). */
  complete: boolean;
}

const Z95 = 1.96;

/** The campaign's effect as of `today` (windows after today count what has happened so far). */
export function campaignEffect(facts: Facts, input: CampaignEffectInput, today: IsoDate): CampaignEffect {
  const start = dayNumber(input.running.from);
  const end = dayNumber(input.running.to);
  const length = end - start + 1;
  const before = { from: isoOfDay(start - length), to: isoOfDay(start - 1) };
  const after = { from: isoOfDay(end + 1), to: isoOfDay(end + length) };
  const treated = groupSpend(facts, input.treatedIds, start, end, length);
  const holdout = groupSpend(facts, input.holdoutIds, start, end, length);

  let upliftPerMemberFen: number | null = null;
  let ciLowFen: number | null = null;
  let ciHighFen: number | null = null;
  let upliftTotalFen: number | null = null;
  let returnOnCostBp: number | null = null;
  if (treated.during.length >= 2 && holdout.during.length >= 2) {
    const t = meanAndVariance(treated.during);
    const h = meanAndVariance(holdout.during);
    const uplift = t.mean - h.mean;
    const se = Math.sqrt(t.variance / treated.during.length + h.variance / holdout.during.length);
    upliftPerMemberFen = Math.round(uplift);
    ciLowFen = Math.round(uplift - Z95 * se);
    ciHighFen = Math.round(uplift + Z95 * se);
    upliftTotalFen = Math.round(uplift * treated.during.length);
    if (input.costFen > 0) returnOnCostBp = Math.round((upliftTotalFen * 10000) / input.costFen);
  }
  return {
    before,
    running: input.running,
    after,
    treated: treated.figures,
    holdout: holdout.figures,
    upliftPerMemberFen,
    ciLowFen,
    ciHighFen,
    upliftTotalFen,
    returnOnCostBp,
    complete: dayNumber(today) > end,
  };
}

function groupSpend(facts: Facts, ids: readonly string[], start: number, end: number, length: number) {
  const s = facts.sales;
  const during: number[] = [];
  let beforeFen = 0;
  let duringFen = 0;
  let afterFen = 0;
  let participants = 0;
  for (const id of new Set(ids)) {
    const mi = facts.memberIndex.get(id);
    let hers = 0;
    let bought = false;
    if (mi !== undefined) {
      for (const i of memberSales(facts, mi)) {
        const d = s.day[i] ?? 0;
        const fen = s.totalFen[i] ?? 0;
        if (d >= start - length && d < start) beforeFen += fen;
        else if (d >= start && d <= end) {
          hers += fen;
          if (!s.refund[i]) bought = true;
        } else if (d > end && d <= end + length) afterFen += fen;
      }
    }
    during.push(hers);
    duringFen += hers;
    if (bought) participants += 1;
  }
  const members = during.length;
  return {
    during,
    figures: {
      members,
      participants,
      participationBp: members === 0 ? 0 : Math.round((participants * 10000) / members),
      beforeFen,
      duringFen,
      afterFen,
      meanDuringFen: members === 0 ? 0 : Math.round(duringFen / members),
    },
  };
}

/** Mean and sample variance (n − 1). */
function meanAndVariance(xs: readonly number[]): { mean: number; variance: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { mean, variance };
}
