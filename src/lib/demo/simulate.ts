import { babyStage, type BabyStage } from '../domain/baby';
import { GROWTH_DEFAULTS, type GrowthEntry } from '../domain/growth';
import { buildCheckout, NO_OPTIONS, type CartLine } from '../domain/checkout';
import { addDays, completedMonths, daysBetween, type IsoDate } from '../domain/clock';
import type { Id } from '../domain/ids';
import type { PointsEntry } from '../domain/points';
import type { Product } from '../domain/product';
import { PAYMENT_METHODS, type Sale, type TierChange } from '../domain/sale';
import type { ShopSettings } from '../domain/settings';
import type { Tier } from '../domain/tier';
import { DAY_MS, localInstant, OPEN_HOUR } from './calendar';
import { CATEGORIES, FORMULA_BRANDS } from './data';
import type { BabyDraft, SimMember } from './people';
import { MinHeap, Rng, WeightedPicker } from './prng';

const NO_STORED_VALUE = { principalFen: 0, bonusFen: 0 };

export const WALK_IN_SHARE = 0.2;
/** Share of member slots a due formula rebuy takes when one is due (the rest are other visits). */
const DUE_SHARE = 0.85;
/** A member who registered but has not bought within this long is taken to have registered only. */
const PENDING_MS = 3 * DAY_MS;

const PAYMENT_WEIGHTS = [15, 45, 30, 10]; // cash, wechat, alipay, card
const FORMULA_QTY = [30, 45, 25];
const DIAPER_QTY = [55, 30, 15];
const OTHER_QTY = [84, 13, 3];
const LINE_COUNT = [50, 30, 14, 6];

/** Category weights (in CATEGORIES order: 奶粉 纸尿裤 辅食 洗护 玩具 服饰 孕产) by the youngest baby's stage. */
const CATEGORY_WEIGHTS: Record<BabyStage | 'none' | 'walkIn', number[]> = {
  pregnancy: [0, 2, 0, 3, 1, 2, 6],
  m0to6: [1, 6, 0, 4, 2, 3, 2],
  m6to12: [1, 5, 5, 3, 2, 2, 0],
  y1to3: [1, 4, 4, 3, 3, 3, 0],
  y3plus: [0, 0, 2, 3, 5, 4, 0],
  none: [1, 1, 1, 4, 3, 3, 1],
  walkIn: [2, 3, 2, 3, 3, 2, 1],
};

export interface SaleRows {
  sales: Sale[];
  pointsLedger: PointsEntry[];
  tierHistory: TierChange[];
  growthLedger: GrowthEntry[];
}

/** Walks the shop's sale slots in time order, deciding who buys what, through the real checkout. */
export class Simulation {
  private readonly picker: WeightedPicker;
  private readonly joinedOrder: SimMember[] = [];
  private readonly pending: SimMember[] = [];
  private pendingHead = 0;
  private nextJoin = 0;
  private readonly due = new MinHeap<SimMember>();
  private readonly lapses = new MinHeap<SimMember>();
  private readonly byCategory = new Map<string, Product[]>();
  private readonly formula = new Map<string, Product[]>();
  private readonly lowestTierId: Id;
  private lastAt = Number.NEGATIVE_INFINITY;
  out: SaleRows = { sales: [], pointsLedger: [], tierHistory: [], growthLedger: [] };

  constructor(
    private readonly rng: Rng,
    private readonly members: readonly SimMember[],
    products: readonly Product[],
    private readonly tiers: readonly Tier[],
    private readonly settings: ShopSettings,
  ) {
    this.picker = new WeightedPicker(members.length);
    for (const p of products) {
      this.byCategory.set(p.category, [...(this.byCategory.get(p.category) ?? []), p]);
      if (p.formulaStage !== null) {
        const stages = this.formula.get(p.brand) ?? [];
        stages[p.formulaStage - 1] = p;
        this.formula.set(p.brand, stages);
      }
    }
    const lowest = tiers[0];
    if (!lowest) throw new RangeError('No tiers');
    this.lowestTierId = lowest.id;
  }

  /** One sale at instant t on local date `date` (sale slots arrive in time order). */
  slot(t: number, date: IsoDate): void {
    this.admit(t);
    while (
      this.pendingHead < this.pending.length &&
      (this.pending[this.pendingHead]?.scheduledAt ?? t) < t - PENDING_MS
    ) {
      const m = this.pending[this.pendingHead++] as SimMember;
      this.register(m, Math.max(this.lastAt, m.scheduledAt), false);
    }
    for (let k = this.lapses.peekKey(); k !== undefined && k <= t; k = this.lapses.peekKey()) {
      const m = this.lapses.pop() as SimMember;
      m.churned = true;
      this.picker.set(m.pos, 0);
    }

    if (this.rng.chance(WALK_IN_SHARE)) return this.walkIn(t);
    const first = this.pending[this.pendingHead];
    if (first) {
      this.pendingHead++;
      // She registers at the counter a few minutes before paying (not before the shop opens).
      const minutesBefore = t - this.rng.between(30, 300) * 1000;
      const opened = localInstant(date, OPEN_HOUR);
      this.register(first, Math.max(first.scheduledAt, this.lastAt, minutesBefore, opened), true);
      return this.visit(first, t, date, true);
    }
    if ((this.due.peekKey() ?? Infinity) <= t && this.rng.chance(DUE_SHARE)) {
      for (let k = this.due.peekKey(); k !== undefined && k <= t; k = this.due.peekKey()) {
        const m = this.due.pop() as SimMember;
        if (!m.churned && m.formulaBrand !== null) return this.visit(m, t, date, true);
      }
    }
    const pos = this.picker.draw(this.rng);
    const m = this.joinedOrder[pos];
    if (m) this.visit(m, t, date, false);
    else this.walkIn(t);
  }

  /** After the last slot: everyone not yet registered registers (without buying). */
  finish(): void {
    this.admit(Infinity);
    while (this.pendingHead < this.pending.length) {
      const m = this.pending[this.pendingHead++] as SimMember;
      this.register(m, Math.max(this.lastAt, m.scheduledAt), false);
    }
  }

  takeRows(): SaleRows {
    const rows = this.out;
    this.out = { sales: [], pointsLedger: [], tierHistory: [], growthLedger: [] };
    return rows;
  }

  private admit(t: number): void {
    for (let m = this.members[this.nextJoin]; m && m.scheduledAt <= t; m = this.members[++this.nextJoin]) {
      if (m.buysAtJoin) this.pending.push(m);
      else this.register(m, Math.max(this.lastAt, m.scheduledAt), false);
    }
  }

  private register(m: SimMember, at: number, buying: boolean): void {
    const { rng } = this;
    m.joinedAt = at;
    m.referrerId =
      this.joinedOrder.length > 0 && rng.chance(0.1) ? rng.pick(this.joinedOrder).profile.id : null;
    m.agg = {
      id: m.profile.id,
      tierId: this.lowestTierId,
      pointsBalance: 0,
      storedValueFen: 0,
      lifetimeSpendFen: 0,
      visitCount: 0,
      lastPurchaseAt: null,
    };
    m.pos = this.joinedOrder.length;
    this.picker.set(m.pos, m.weight);
    this.joinedOrder.push(m);
    if (m.lifetimeMs !== null) this.lapses.push(at + m.lifetimeMs, m);
    if (m.formulaBrand !== null && !buying) this.due.push(at + rng.between(3, 20) * DAY_MS, m);
    this.out.tierHistory.push({
      id: rng.uuid(),
      memberId: m.profile.id,
      at,
      fromTierId: null,
      toTierId: this.lowestTierId,
      reason: 'registration',
      createdAt: at,
      updatedAt: at,
    });
    this.lastAt = at;
  }

  /** A member's visit: her formula when it is due (or on her first purchase), then other goods. */
  private visit(m: SimMember, t: number, date: IsoDate, formulaTime: boolean): void {
    const { rng } = this;
    const lines: CartLine[] = [];
    if (m.formulaBrand !== null && formulaTime) {
      const f = this.formulaFor(m.formulaBrand, m.babies, date);
      if (f.product) {
        const qty = 1 + rng.weighted(FORMULA_QTY);
        lines.push(cartLine(f.product, qty));
        const days = (f.product.daysPerUnit ?? 15) * qty * (0.85 + 0.3 * rng.float());
        this.due.push(t + Math.round(days * DAY_MS), m);
      } else if (f.bornOn) {
        this.due.push(localInstant(addDays(f.bornOn, rng.between(3, 20)), 12), m);
      } else {
        m.formulaBrand = null; // the baby has outgrown formula
      }
    }
    const weights = [...CATEGORY_WEIGHTS[stageAt(m.babies, date)]];
    if (m.formulaBrand !== null) weights[0] = 0; // her formula comes on its own schedule
    const extra =
      lines.length > 0 ? (rng.chance(0.45) ? rng.between(1, 2) : 0) : 1 + rng.weighted(LINE_COUNT);
    this.addLines(lines, extra, weights, m, date);
    this.checkout(m, t, lines);
  }

  private walkIn(t: number): void {
    const lines: CartLine[] = [];
    this.addLines(lines, 1 + this.rng.weighted([70, 22, 8]), CATEGORY_WEIGHTS.walkIn, null, null);
    this.checkout(null, t, lines);
  }

  private addLines(
    lines: CartLine[],
    count: number,
    weights: readonly number[],
    m: SimMember | null,
    date: IsoDate | null,
  ): void {
    const { rng } = this;
    for (let k = 0, tries = 0; k < count && tries < count * 4; tries++) {
      const category = CATEGORIES[rng.weighted(weights)] ?? '洗护';
      let product: Product | undefined;
      if (category === '奶粉' && m && date)
        product = this.formulaFor(rng.pick(FORMULA_BRANDS), m.babies, date).product;
      else if (category === '纸尿裤' && m && rng.chance(0.7)) product = m.diaper;
      product ??= rng.pick(this.byCategory.get(category) ?? []);
      if (lines.some((l) => l.productId === product.id)) continue;
      const qty =
        1 + rng.weighted(category === '奶粉' ? FORMULA_QTY : category === '纸尿裤' ? DIAPER_QTY : OTHER_QTY);
      lines.push(cartLine(product, qty));
      k++;
    }
  }

  private checkout(m: SimMember | null, t: number, lines: CartLine[]): void {
    const built = buildCheckout(
      {
        at: t,
        member: m ? m.agg : null,
        storedValue: NO_STORED_VALUE,
        // Demo shops use the lifetime-spend rule, which needs no 12-month window.
        standing: { lifetimeSpendFen: m?.agg.lifetimeSpendFen ?? 0, rollingSpendFen: 0, visits12: 0 },
        tiers: this.tiers,
        settings: this.settings,
        lines,
        options: NO_OPTIONS,
        campaign: null,
        paymentMethod: PAYMENT_METHODS[this.rng.weighted(PAYMENT_WEIGHTS)] ?? 'cash',
        assistantId: null,
        growth: GROWTH_DEFAULTS,
      },
      () => this.rng.uuid(),
    );
    if (!built.ok) throw new Error(`demo checkout refused: ${built.error}`);
    const { sale, points, memberAggregates, tierChange, growth } = built.rows;
    this.out.sales.push(sale);
    if (growth) this.out.growthLedger.push(growth);
    this.out.pointsLedger.push(...points);
    if (tierChange) this.out.tierHistory.push(tierChange);
    if (m && memberAggregates) m.agg = { ...m.agg, ...memberAggregates };
    this.lastAt = t;
  }

  /** The stage of `brand` for the youngest baby born by `date`; or when the next baby is due. */
  private formulaFor(
    brand: string,
    babies: readonly BabyDraft[],
    date: IsoDate,
  ): { product?: Product; bornOn?: IsoDate } {
    let youngest: IsoDate | null = null;
    let unborn: IsoDate | null = null;
    for (const { birthDate } of babies) {
      if (birthDate <= date) {
        if (youngest === null || birthDate > youngest) youngest = birthDate;
      } else if (unborn === null || birthDate < unborn) unborn = birthDate;
    }
    if (youngest === null) return unborn ? { bornOn: unborn } : {};
    const months = completedMonths(youngest, date);
    const stages = this.formula.get(brand) ?? [];
    const stage = months < 6 ? 1 : months < 12 ? 2 : months < 36 ? 3 : 4;
    const product = months >= 72 ? undefined : (stages[stage - 1] ?? (months < 48 ? stages[2] : undefined));
    return product ? { product } : {};
  }
}

/** The stage that steers a member's shopping: pregnant (due within ~9 months) first, else her youngest baby's. */
function stageAt(babies: readonly BabyDraft[], date: IsoDate): BabyStage | 'none' {
  let youngest: IsoDate | null = null;
  for (const b of babies) {
    if (b.birthDate > date) {
      if (daysBetween(date, b.birthDate) <= 280) return 'pregnancy';
    } else if (youngest === null || b.birthDate > youngest) youngest = b.birthDate;
  }
  return youngest === null ? 'none' : babyStage(youngest, date);
}

function cartLine(p: Product, qty: number): CartLine {
  return {
    productId: p.id,
    sku: p.sku,
    name: p.name,
    brand: p.brand,
    category: p.category,
    unitPriceFen: p.priceFen,
    qty,
  };
}
