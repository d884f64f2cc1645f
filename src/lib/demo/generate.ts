/**
 * The deterministic demo shop: one seed and spec → the same rows, byte for byte, every time.
 * Pure (no Dexie, no DOM, no clock, no Math.random): the demo button, tests and benchmarks share it.
 *
 * Every member sale goes through the app's own `buildCheckout`, so sales, points lots, tier upgrades
 * and the members' cached aggregates are exactly what the checkout screen would have written.
 * Shop hours are local time of the running machine (like the app), so another time zone gives
 * another (equally valid) shop.
 */
import type { GrowthEntry } from '../domain/growth';
import type { Baby } from '../domain/baby';
import type { Feedback } from '../domain/event';
import { addMonthsToInstant, localDateOf } from '../domain/clock';
import type { Member } from '../domain/member';
import type { PointsEntry } from '../domain/points';
import type { Product } from '../domain/product';
import type { Sale, TierChange } from '../domain/sale';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type ShopSettings } from '../domain/settings';
import { sortTiers, tierDefaults, validateTiers, type Tier, type TierInput } from '../domain/tier';
import { allocate, CumulativePicker, DAY_MS, instantsOfDay, randomInstant, shopDays } from './calendar';
import { CATALOGUE, ean13 } from './data';
import { makeBabies, makeProfile, memberHabits, memberRow, type SimMember } from './people';
import { Rng } from './prng';
import { Simulation } from './simulate';

export interface ShopSpec {
  seed: number;
  members: number;
  sales: number;
  months: number;
  /** Epoch ms: the shop's "now"; every row is at or before it. */
  endAt: number;
  storeName: string;
  /** Lowest first (they are sorted anyway); the lowest must have threshold 0. */
  tiers: TierInput[];
}

/** The row type of each table the generator fills. */
export interface ShopRows {
  settings: { key: string; value: unknown };
  tiers: Tier;
  products: Product;
  members: Member;
  babies: Baby;
  sales: Sale;
  pointsLedger: PointsEntry;
  tierHistory: TierChange;
  feedback: Feedback;
  growthLedger: GrowthEntry;
}

export type ShopTable = keyof ShopRows;
export type ShopBatch = { [K in ShopTable]?: ShopRows[K][] };

export const SHOP_TABLES = [
  'settings',
  'tiers',
  'products',
  'members',
  'babies',
  'sales',
  'pointsLedger',
  'tierHistory',
  'feedback',
  'growthLedger',
] as const satisfies readonly ShopTable[];

/** Share of member sales she scores afterwards, and how the 1–5 scores fall (mostly content). */
const FEEDBACK_SHARE = 0.06;
const SCORE_WEIGHTS = [2, 3, 10, 35, 50];
const COMMENTS = ['', '', '', '店员很耐心', '东西齐全', '排队有点久', '宝宝很喜欢', '价格实惠'];

/** Scores for some of a batch's member sales, from their own random stream (the sales stay the same). */
function feedbackOf(sales: readonly Sale[], rng: Rng, endAt: number): Feedback[] {
  const rows: Feedback[] = [];
  for (const sale of sales) {
    if (sale.memberId === null || sale.refundOf !== null || !rng.chance(FEEDBACK_SHARE)) continue;
    const at = sale.at + rng.between(1, 30) * 60_000;
    if (at > endAt) continue;
    rows.push({
      id: sale.id,
      memberId: sale.memberId,
      at,
      score: rng.weighted(SCORE_WEIGHTS) + 1,
      comment: rng.pick(COMMENTS),
      source: 'sale',
      subjectId: sale.id,
      createdAt: at,
      updatedAt: at,
    });
  }
  return rows;
}


export const SHOP_SIZES = {
  demo: { members: 300, sales: 2_500, months: 6 },
  S: { members: 300, sales: 5_000, months: 12 },
  M: { members: 3_000, sales: 50_000, months: 60 },
  L: { members: 20_000, sales: 300_000, months: 120 },
} as const satisfies Record<string, Pick<ShopSpec, 'members' | 'sales' | 'months'>>;
export type ShopSize = keyof typeof SHOP_SIZES;

export const SALES_PER_BATCH = 2_000;
export const MEMBERS_PER_BATCH = 2_000;

/** Share of members who registered in the shop's opening month (the launch campaign). */
const OPENING_SHARE = 0.12;

/** The first instant of the spec's window: `months` calendar months before `endAt`. */
export function shopWindowStart(spec: Pick<ShopSpec, 'endAt' | 'months'>): number {
  return addMonthsToInstant(spec.endAt, -spec.months);
}

export function validateShopSpec(spec: ShopSpec): void {
  const count = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!count(spec.members) || !count(spec.sales))
    throw new RangeError('members and sales must be whole numbers ≥ 0');
  if (!Number.isInteger(spec.months) || spec.months < 1 || spec.months > 240)
    throw new RangeError('months must be 1–240');
  if (!Number.isSafeInteger(spec.endAt)) throw new RangeError('endAt must be epoch milliseconds');
  const check = validateTiers(spec.tiers);
  if (check.list || check.rows.some((r) => Object.keys(r).length > 0)) throw new RangeError('invalid tiers');
}

/**
 * Yields, in order: settings + tiers + products; then sales with their points entries and tier
 * changes in time order, ~SALES_PER_BATCH sales at a time; last, members (with final caches) and babies.
 */
export function* generateShop(spec: ShopSpec, salesPerBatch = SALES_PER_BATCH): Generator<ShopBatch> {
  validateShopSpec(spec);
  const rng = new Rng(spec.seed);
  const startAt = shopWindowStart(spec);
  const setupAt = startAt - 30 * DAY_MS;
  const endDate = localDateOf(spec.endAt);
  const settings: ShopSettings = { ...DEFAULT_SETTINGS, storeName: spec.storeName };

  const tiers: Tier[] = sortTiers(spec.tiers).map((t) => ({
    id: rng.uuid(),
    name: t.name,
    thresholdFen: t.thresholdFen,
    discountBp: t.discountBp,
    pointsMultiplierBp: t.pointsMultiplierBp,
    visitThreshold: t.visitThreshold ?? tierDefaults.visitThreshold,
    freeDelivery: t.freeDelivery ?? tierDefaults.freeDelivery,
    perks: t.perks,
    createdAt: setupAt,
    updatedAt: setupAt,
  }));
  const products: Product[] = CATALOGUE.map((c, i) => ({
    id: rng.uuid(),
    sku: ean13(c.company, 10_007 + i * 131),
    name: c.name,
    brand: c.brand,
    category: c.category,
    priceFen: c.priceFen,
    formulaStage: c.formulaStage,
    daysPerUnit: c.daysPerUnit,
    active: true,
    createdAt: setupAt,
    updatedAt: setupAt,
  }));
  yield { settings: [{ key: SETTINGS_KEY, value: settings }], tiers, products };

  // The calendar: how many sales each day gets, and when each member means to register.
  const days = shopDays(startAt, spec.endAt, rng);
  const perDay = allocate(
    spec.sales,
    days.map((d) => d.weight),
  );
  const dayPicker = new CumulativePicker(days.map((d) => d.weight));
  const joins: number[] = [];
  for (let i = 0; i < spec.members; i++) {
    const d = rng.chance(OPENING_SHARE) ? dayPicker.draw(rng, 30) : dayPicker.draw(rng);
    const day = days[d];
    joins.push(day ? randomInstant(day, rng) : startAt);
  }
  joins.sort((a, b) => a - b);

  const phones = new Set<string>();
  const diapers = products.filter((p) => p.category === '纸尿裤');
  const members: SimMember[] = joins.map((scheduledAt) => {
    const profile = makeProfile(rng, phones, endDate);
    const babies = makeBabies(rng, localDateOf(scheduledAt), endDate);
    return {
      profile,
      babies,
      scheduledAt,
      ...memberHabits(rng, babies, diapers),
      joinedAt: null,
      pos: -1,
      referrerId: null,
      churned: false,
      agg: {
        id: profile.id,
        tierId: '',
        pointsBalance: 0,
        storedValueFen: 0,
        lifetimeSpendFen: 0,
        visitCount: 0,
        lastPurchaseAt: null,
      },
    };
  });

  const sim = new Simulation(rng, members, products, tiers, settings);
  const feedbackRng = new Rng(spec.seed ^ 0x5eed);
  const withFeedback = (rows: ReturnType<Simulation['takeRows']>): ShopBatch => ({ ...rows, feedback: feedbackOf(rows.sales, feedbackRng, spec.endAt) });
  for (let d = 0; d < days.length; d++) {
    const day = days[d];
    const count = perDay[d] ?? 0;
    if (!day || count === 0) continue;
    for (const t of instantsOfDay(day, count, rng)) {
      sim.slot(t, day.date);
      if (sim.out.sales.length >= salesPerBatch) yield withFeedback(sim.takeRows());
    }
  }
  sim.finish();
  const last = sim.takeRows();
  if (last.sales.length > 0 || last.tierHistory.length > 0) yield withFeedback(last);

  for (let i = 0; i < members.length; i += MEMBERS_PER_BATCH) {
    const chunk = members.slice(i, i + MEMBERS_PER_BATCH);
    yield {
      members: chunk.map(memberRow),
      babies: chunk.flatMap((m) => {
        const at = m.joinedAt ?? m.scheduledAt;
        return m.babies.map((b) => ({ ...b, memberId: m.profile.id, createdAt: at, updatedAt: at }));
      }),
    };
  }
}
