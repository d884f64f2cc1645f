/**
 * Product suggestions for one member (个性化推荐): what her babies' stages need next, her repeat items
 * falling due, what members who bought her products also buy, and her favourite brands' new products.
 * Pure: the caller passes her purchases, the catalogue, the co-purchase rules and `today`.
 */
import { completedMonths, daysBetween, type IsoDate } from './clock';
import { predictRunOut } from './care';
import type { Id } from './ids';
import type { Fen } from './money';

/**
 * A baby of `fromMonths` ≤ age < `toMonths` (completed months; an expected baby is −1) needs a
 * product of `category`, of formula stage `formulaStage` when that is set.
 */
export interface StageRule {
  fromMonths: number;
  toMonths: number;
  category: string;
  formulaStage: number | null;
}

export interface SuggestionSettings {
  stageRules: StageRule[];
  /** Nothing she bought in the last this many days is suggested, unless it is a repeat falling due. */
  excludeDays: number;
  /** A repeat item is due from this many days before its predicted run-out. */
  repeatDays: number;
  /** A favourite brand's product is new when added to the catalogue in the last this many days. */
  newDays: number;
  /** Co-purchase: at least this many members bought both… */
  minSupport: number;
  /** …and at least this share (percent) of those who bought X also bought Y. */
  minConfidencePct: number;
}

/** The `settings` row that holds SuggestionSettings. */
export const SUGGESTION_SETTINGS_KEY = 'suggestions';

/** The age an expected baby counts as in the stage rules. */
export const EXPECTING_MONTHS = -1;

export const SUGGESTION_DEFAULTS: SuggestionSettings = {
  stageRules: [
    { fromMonths: -10, toMonths: 0, category: '孕产', formulaStage: null },
    { fromMonths: 0, toMonths: 6, category: '奶粉', formulaStage: 1 },
    { fromMonths: 0, toMonths: 24, category: '纸尿裤', formulaStage: null },
    { fromMonths: 6, toMonths: 12, category: '奶粉', formulaStage: 2 },
    { fromMonths: 6, toMonths: 36, category: '辅食', formulaStage: null },
    { fromMonths: 12, toMonths: 36, category: '奶粉', formulaStage: 3 },
    { fromMonths: 3, toMonths: 72, category: '玩具', formulaStage: null },
    { fromMonths: 36, toMonths: 72, category: '奶粉', formulaStage: 4 },
  ],
  excludeDays: 30,
  repeatDays: 7,
  newDays: 30,
  minSupport: 5,
  minConfidencePct: 20,
};

export const MAX_STAGE_RULES = 30;

const LIMITS: Record<Exclude<keyof SuggestionSettings, 'stageRules'>, [number, number]> = {
  excludeDays: [0, 365],
  repeatDays: [0, 60],
  newDays: [1, 365],
  minSupport: [1, 100_000],
  minConfidencePct: [1, 100],
};

export type SuggestionSettingsError = { field: keyof SuggestionSettings; rule?: number };

/** The first problem: a number out of range, or a stage rule (by index) with a bad band or no category. */
export function validateSuggestionSettings(s: SuggestionSettings): SuggestionSettingsError | null {
  for (const k of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    const [min, max] = LIMITS[k];
    const v = s[k];
    if (!Number.isInteger(v) || v < min || v > max) return { field: k };
  }
  if (!Array.isArray(s.stageRules) || s.stageRules.length > MAX_STAGE_RULES) return { field: 'stageRules' };
  const bad = s.stageRules.findIndex(
    (r) =>
      !Number.isInteger(r.fromMonths) ||
      !Number.isInteger(r.toMonths) ||
      r.fromMonths < -10 ||
      r.toMonths > 240 ||
      r.fromMonths >= r.toMonths ||
      r.category.trim() === '' ||
      r.category.length > 40 ||
      (r.formulaStage !== null && (!Number.isInteger(r.formulaStage) || r.formulaStage < 1 || r.formulaStage > 4)),
  );
  return bad === -1 ? null : { field: 'stageRules', rule: bad };
}

export interface SuggestibleProduct {
  id: Id;
  name: string;
  brand: string;
  category: string;
  priceFen: Fen;
  formulaStage: number | null;
  daysPerUnit: number | null;
  active: boolean;
  createdAt: number;
}

/** One line she bought (a return's line has `refund` true; its qty is positive). */
export interface PurchasedLine {
  productId: Id;
  day: IsoDate;
  qty: number;
  refund: boolean;
}

/** "Members who bought X also bought Y": for each X, its Ys, best first. */
export interface CoPurchaseRule {
  productId: Id;
  /** Members who bought both. */
  support: number;
  /** Of the members who bought X, the share (percent, rounded) who also bought Y. */
  confidencePct: number;
}

export interface CoPurchaseModel {
  rules: ReadonlyMap<Id, readonly CoPurchaseRule[]>;
  /** Members who bought each product. */
  popularity: ReadonlyMap<Id, number>;
}

export type SuggestionReason =
  /** Her repeat item runs out in `days` (negative: ran out that many days ago). */
  | { kind: 'repeat'; days: number; on: IsoDate }
  | { kind: 'stage'; baby: string; ageMonths: number; category: string; formulaStage: number | null }
  | { kind: 'coPurchase'; withProduct: string; confidencePct: number }
  | { kind: 'newFromBrand'; brand: string };

export interface Suggestion {
  productId: Id;
  name: string;
  brand: string;
  category: string;
  priceFen: Fen;
  reason: SuggestionReason;
}

export interface SuggestInput {
  today: IsoDate;
  /** Now (epoch ms), for "added in the last newDays days". */
  now: number;
  babies: readonly { nickname: string; birthDate: IsoDate }[];
  purchases: readonly PurchasedLine[];
  products: readonly SuggestibleProduct[];
  /** null until the analytics worker has counted the co-purchases. */
  model: CoPurchaseModel | null;
  settings: SuggestionSettings;
  limit?: number;
}

const DAY_MS = 86_400_000;
/** Code-point order: the same on every machine (localeCompare is not). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** A repeat item she last bought longer ago than this is no longer her habit. */
const STALE_DAYS = 120;
/** A repeat that ran out longer ago than this is probably bought elsewhere now. */
const OVERDUE_DAYS = 30;
/** A first pass takes at most this many of each kind, so one kind does not crowd out the others. */
const PER_KIND_FIRST = 2;

/** A baby's age for the stage rules: completed months, or EXPECTING_MONTHS before the birth. */
export function ruleAge(birthDate: IsoDate, today: IsoDate): number {
  // A due date that has passed counts as the birth (as in babyStage).
  return birthDate > today ? EXPECTING_MONTHS : completedMonths(birthDate, today);
}

/**
 * Up to `limit` (5) suggestions, each product once, in the order: repeats falling due (soonest
 * first), stage needs, co-purchases (most confident first), new products of her brands (newest
 * first) — at most two of each kind before the rest fill the free places in that same order.
 */
export function suggest(input: SuggestInput): Suggestion[] {
  const { today, settings: s, model } = input;
  const limit = input.limit ?? 5;
  const products = new Map(input.products.filter((p) => p.active).map((p) => [p.id, p]));
  const mine = herProducts(input.purchases);
  const recent = (id: Id) => {
    const last = mine.get(id)?.lastDay;
    return last !== undefined && daysBetween(last, today) < s.excludeDays;
  };
  const popularity = (id: Id) => model?.popularity.get(id) ?? 0;
  const make = (p: SuggestibleProduct, reason: SuggestionReason): Suggestion => ({
    productId: p.id,
    name: p.name,
    brand: p.brand,
    category: p.category,
    priceFen: p.priceFen,
    reason,
  });

  const babies = [...input.babies].sort((a, b) => byText(a.birthDate, b.birthDate));
  const rulesNow = babies.flatMap((b) => {
    const age = ruleAge(b.birthDate, today);
    return s.stageRules.filter((r) => age >= r.fromMonths && age < r.toMonths).map((rule) => ({ baby: b, age, rule }));
  });
  // A formula stage her babies have outgrown is not a repeat: the stage rule suggests the next one.
  const outgrown = (p: SuggestibleProduct) =>
    p.formulaStage !== null &&
    rulesNow.some((r) => r.rule.category === p.category && r.rule.formulaStage !== null) &&
    !rulesNow.some((r) => r.rule.category === p.category && r.rule.formulaStage === p.formulaStage);

  const repeats: (Suggestion & { on: IsoDate })[] = [];
  for (const [id, h] of mine) {
    const p = products.get(id);
    if (!p || h.netQty <= 0 || daysBetween(h.lastDay, today) > STALE_DAYS || outgrown(p)) continue;
    const runOut = predictRunOut(h.bought, p.daysPerUnit);
    if (!runOut) continue;
    const days = daysBetween(today, runOut.on);
    if (days <= s.repeatDays && days >= -OVERDUE_DAYS) repeats.push({ ...make(p, { kind: 'repeat', days, on: runOut.on }), on: runOut.on });
  }
  repeats.sort((a, b) => byText(a.on, b.on) || byText(a.name, b.name));

  // Her brands, most bought first: the stage pick prefers them (her 1段 brand's 2段, not another).
  const brandCount = new Map<string, number>();
  for (const [id, h] of mine) {
    const p = products.get(id);
    if (p && p.brand && h.netQty > 0) brandCount.set(p.brand, (brandCount.get(p.brand) ?? 0) + h.bought.length);
  }
  const stage: Suggestion[] = [];
  for (const { baby, age, rule } of rulesNow) {
    const fits = (p: SuggestibleProduct) => p.category === rule.category && (rule.formulaStage === null || p.formulaStage === rule.formulaStage);
    const candidates = [...products.values()].filter(fits);
    // Bought lately: the need is met (suggesting another brand would only switch her).
    if (candidates.some((p) => recent(p.id))) continue;
    const best = candidates.sort(
      (x, y) => (brandCount.get(y.brand) ?? 0) - (brandCount.get(x.brand) ?? 0) || popularity(y.id) - popularity(x.id) || byText(x.name, y.name),
    )[0];
    if (best) stage.push(make(best, { kind: 'stage', baby: baby.nickname, ageMonths: age, category: rule.category, formulaStage: rule.formulaStage }));
  }

  const co = new Map<Id, { p: SuggestibleProduct; rule: CoPurchaseRule; from: SuggestibleProduct }>();
  if (model) {
    for (const [id, h] of mine) {
      const from = products.get(id);
      if (!from || h.netQty <= 0) continue;
      for (const rule of model.rules.get(id) ?? []) {
        const p = products.get(rule.productId);
        if (!p || mine.has(p.id)) continue;
        const seen = co.get(p.id);
        if (!seen || rule.confidencePct > seen.rule.confidencePct || (rule.confidencePct === seen.rule.confidencePct && rule.support > seen.rule.support))
          co.set(p.id, { p, rule, from });
      }
    }
  }
  const coPurchase = [...co.values()]
    .sort((a, b) => b.rule.confidencePct - a.rule.confidencePct || b.rule.support - a.rule.support || byText(a.p.name, b.p.name))
    .map(({ p, rule, from }) => make(p, { kind: 'coPurchase', withProduct: from.name, confidencePct: rule.confidencePct }));

  const favourite = [...brandCount.entries()].sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).slice(0, 3).map(([brand]) => brand);
  const newFrom = input.now - s.newDays * DAY_MS;
  const fresh = [...products.values()]
    .filter((p) => favourite.includes(p.brand) && p.createdAt >= newFrom && !mine.has(p.id))
    .sort((a, b) => b.createdAt - a.createdAt || byText(a.name, b.name))
    .map((p) => make(p, { kind: 'newFromBrand', brand: p.brand }));

  const groups = [repeats.map(({ on: _on, ...x }) => x), stage, coPurchase, fresh];
  const picked: { x: Suggestion; group: number }[] = [];
  const taken = new Set<Id>();
  const take = (x: Suggestion, group: number) => {
    if (picked.length >= limit || taken.has(x.productId)) return false;
    // Only a repeat may be something she bought lately.
    if (x.reason.kind !== 'repeat' && recent(x.productId)) return false;
    taken.add(x.productId);
    picked.push({ x, group });
    return true;
  };
  groups.forEach((g, group) => {
    let n = 0;
    for (const x of g) if (n < PER_KIND_FIRST && take(x, group)) n += 1;
  });
  groups.forEach((g, group) => g.forEach((x) => take(x, group)));
  // Stable: within a kind, the order of the first pass then the fill.
  return picked.sort((a, b) => a.group - b.group).map((p) => p.x);
}

interface Held {
  bought: { day: IsoDate; qty: number }[];
  netQty: number;
  lastDay: IsoDate;
}

/** Per product she bought: her purchase days, the quantity net of returns, the last purchase day. */
function herProducts(lines: readonly PurchasedLine[]): Map<Id, Held> {
  const out = new Map<Id, Held>();
  for (const l of lines) {
    let h = out.get(l.productId);
    if (!h) {
      h = { bought: [], netQty: 0, lastDay: '' };
      out.set(l.productId, h);
    }
    if (l.refund) h.netQty -= l.qty;
    else {
      h.netQty += l.qty;
      h.bought.push({ day: l.day, qty: l.qty });
      if (l.day > h.lastDay) h.lastDay = l.day;
    }
  }
  for (const [id, h] of out) if (h.bought.length === 0) out.delete(id);
  return out;
}
