/**
 * Facts: what the analytics need of a shop, in compact columns, built in ONE pass over the sales
 * (which may arrive in chunks, in any order). Every analysis reads facts, never the raw rows, so a
 * worker can keep one shop's facts in memory (a few MB at 300,000 sales) and answer any period.
 *
 * Pure: no Dexie, no DOM, no clock. Time zone: an instant's calendar day and hour are the local ones
 * of the machine running this (like the app, which shows and sums local days).
 */
import { dayNumber, isoOfDay } from '../../domain/period';
import type { IsoDate } from '../../domain/clock';
import type { Member } from '../../domain/member';
import type { Sale, SaleLine } from '../../domain/sale';

export type MemberInput = Pick<
  Member,
  'id' | 'name' | 'phone' | 'tierId' | 'joinedOn' | 'registeredBy' | 'pointsBalance' | 'lifetimeSpendFen'
> & { deletedAt?: number; storedValueFen?: number };

export type SaleInput = Pick<Sale, 'id' | 'memberId' | 'at' | 'totalFen' | 'refundOf' | 'assistantId' | 'suggestionsShown'> & {
  lines: readonly (Pick<SaleLine, 'category' | 'brand' | 'paidFen'> & Partial<Pick<SaleLine, 'productId' | 'qty' | 'suggested'>>)[];
};

export interface MemberFact {
  id: string;
  name: string;
  phone: string;
  tierId: string;
  joinedOn: IsoDate;
  /** Day number of joinedOn. */
  joinDay: number;
  registeredBy: string | null;
  pointsBalance: number;
  /** Prepaid balance (principal + bonus) as cached on the member row. */
  storedValueFen: number;
  lifetimeSpendFen: number;
  deleted: boolean;
  /** false for an id that sales name but the members table does not hold (an orphan). */
  known: boolean;
}

/** Sales as columns: index i is one sale (or refund row). */
export interface SaleColumns {
  n: number;
  at: number[];
  /** Local calendar day number (see domain/period dayNumber). */
  day: number[];
  /** Local hour 0–23. */
  hour: number[];
  /** Day of month 1–31. */
  dom: number[];
  /** Index into Facts.members, or -1 for a walk-in. */
  member: number[];
  totalFen: number[];
  /** 1 on a refund row. */
  refund: number[];
  /** Index into Facts.assistants, or -1 when nobody is recorded. */
  assistant: number[];
  /** Lines of sale i are lineStart[i] … lineStart[i + 1] - 1 (lines are stored in sale order). */
  lineStart: number[];
  lineCategory: number[];
  lineBrand: number[];
  linePaidFen: number[];
  /** Index into Facts.products, or -1 for a free-amount line. */
  lineProduct: number[];
  /** Quantity as sold (positive on refund rows too). */
  lineQty: number[];
  /** Suggestions the checkout showed (0: none or not recorded). */
  suggestionsShown: number[];
  /** 1 on a line added from a suggestion. */
  lineSuggested: number[];
}

export interface Facts {
  members: MemberFact[];
  memberIndex: Map<string, number>;
  sales: SaleColumns;
  categories: string[];
  brands: string[];
  assistants: string[];
  /** Product ids that lines name (interned). */
  products: string[];
  /** Per member, her sale indexes sorted by time (refund rows included): see memberSales. */
  byMember: { start: Int32Array; sales: Int32Array };
}

const QUARTER_HOUR = 900_000;

/**
 * Collects members and sales (in any order and any number of chunks), then `build()`s Facts.
 * Local-time fields are cached per quarter hour: every time zone offset is a multiple of 15 minutes,
 * so each quarter hour falls in one local hour of one local day.
 */
export class FactsBuilder {
  private readonly members: MemberFact[] = [];
  private readonly memberIndex = new Map<string, number>();
  private readonly s: SaleColumns = {
    n: 0,
    at: [],
    day: [],
    hour: [],
    dom: [],
    member: [],
    totalFen: [],
    refund: [],
    assistant: [],
    lineStart: [0],
    lineCategory: [],
    lineBrand: [],
    linePaidFen: [],
    lineProduct: [],
    lineQty: [],
    suggestionsShown: [],
    lineSuggested: [],
  };
  private readonly categories = new Interner();
  private readonly brands = new Interner();
  private readonly assistants = new Interner();
  private readonly products = new Interner();
  private readonly local = new Map<number, number>();

  addMembers(rows: readonly MemberInput[]): this {
    for (const m of rows) {
      const fact: MemberFact = {
        id: m.id,
        name: m.name,
        phone: m.phone,
        tierId: m.tierId,
        joinedOn: m.joinedOn,
        joinDay: dayNumber(m.joinedOn),
        registeredBy: m.registeredBy ?? null,
        pointsBalance: m.pointsBalance,
        storedValueFen: m.storedValueFen ?? 0,
        lifetimeSpendFen: m.lifetimeSpendFen,
        deleted: m.deletedAt !== undefined,
        known: true,
      };
      const at = this.memberIndex.get(m.id);
      if (at === undefined) {
        this.memberIndex.set(m.id, this.members.length);
        this.members.push(fact);
      } else this.members[at] = fact;
    }
    return this;
  }

  addSales(rows: readonly SaleInput[]): this {
    const s = this.s;
    for (const sale of rows) {
      const packed = this.localOf(sale.at);
      s.at.push(sale.at);
      s.day.push(Math.floor(packed / 1024));
      s.hour.push((packed >> 5) & 31);
      s.dom.push(packed & 31);
      s.member.push(sale.memberId === null ? -1 : this.memberSlot(sale.memberId));
      s.totalFen.push(sale.totalFen);
      s.refund.push(sale.refundOf === null ? 0 : 1);
      s.assistant.push(sale.assistantId ? this.assistants.id(sale.assistantId) : -1);
      s.suggestionsShown.push(sale.suggestionsShown ?? 0);
      for (const l of sale.lines) {
        s.lineCategory.push(this.categories.id(l.category));
        s.lineBrand.push(this.brands.id(l.brand));
        s.linePaidFen.push(l.paidFen);
        s.lineProduct.push(l.productId ? this.products.id(l.productId) : -1);
        s.lineQty.push(l.qty ?? 1);
        s.lineSuggested.push(l.suggested ? 1 : 0);
      }
      s.lineStart.push(s.lineCategory.length);
      s.n += 1;
    }
    return this;
  }

  build(): Facts {
    return {
      members: this.members,
      memberIndex: this.memberIndex,
      sales: this.s,
      categories: this.categories.names,
      brands: this.brands.names,
      assistants: this.assistants.names,
      products: this.products.names,
      byMember: groupByMember(this.s, this.members.length),
    };
  }

  /** day number × 1024 + hour × 32 + day of month. */
  private localOf(at: number): number {
    const q = Math.floor(at / QUARTER_HOUR);
    let packed = this.local.get(q);
    if (packed === undefined) {
      const d = new Date(q * QUARTER_HOUR);
      const day = Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000);
      packed = day * 1024 + d.getHours() * 32 + d.getDate();
      this.local.set(q, packed);
    }
    return packed;
  }

  private memberSlot(id: string): number {
    const at = this.memberIndex.get(id);
    if (at !== undefined) return at;
    // A sale may arrive before its member (chunks in any order); a member never added stays an orphan.
    this.memberIndex.set(id, this.members.length);
    this.members.push({
      id,
      name: '',
      phone: '',
      tierId: '',
      joinedOn: '1970-01-01',
      joinDay: 0,
      registeredBy: null,
      pointsBalance: 0,
      storedValueFen: 0,
      lifetimeSpendFen: 0,
      deleted: false,
      known: false,
    });
    return this.members.length - 1;
  }
}

export function buildFacts(members: readonly MemberInput[], sales: readonly SaleInput[]): Facts {
  return new FactsBuilder().addMembers(members).addSales(sales).build();
}

class Interner {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
}

/** Counting sort of sale indexes by member, each member's run then sorted by time. */
function groupByMember(s: SaleColumns, members: number): Facts['byMember'] {
  const start = new Int32Array(members + 1);
  for (let i = 0; i < s.n; i++) {
    const m = s.member[i] ?? -1;
    if (m >= 0) start[m + 1] = (start[m + 1] ?? 0) + 1;
  }
  for (let m = 0; m < members; m++) start[m + 1] = (start[m + 1] ?? 0) + (start[m] ?? 0);
  const fill = start.slice(0, members);
  const sales = new Int32Array(start[members] ?? 0);
  for (let i = 0; i < s.n; i++) {
    const m = s.member[i] ?? -1;
    if (m >= 0) sales[fill[m]!++] = i;
  }
  for (let m = 0; m < members; m++) {
    const lo = start[m] ?? 0;
    const hi = start[m + 1] ?? 0;
    if (hi - lo > 1) sales.subarray(lo, hi).sort((a, b) => (s.at[a] ?? 0) - (s.at[b] ?? 0));
  }
  return { start, sales };
}

/** A member's sale indexes in time order (refund rows included). */
export function memberSales(facts: Facts, member: number): Int32Array {
  const { start, sales } = facts.byMember;
  return sales.subarray(start[member] ?? 0, start[member + 1] ?? 0);
}

/** Distinct purchase days (refund rows excluded) of a member, ascending. */
export function purchaseDays(facts: Facts, member: number): number[] {
  const days: number[] = [];
  for (const i of memberSales(facts, member)) {
    if (facts.sales.refund[i]) continue;
    const d = facts.sales.day[i] ?? 0;
    if (days.length === 0 || days[days.length - 1] !== d) days.push(d);
  }
  return days;
}

/** Members that count in member analytics: on file and not deleted. */
export function isLiveMember(facts: Facts, member: number): boolean {
  const m = facts.members[member];
  return m !== undefined && m.known && !m.deleted;
}

export { dayNumber, isoOfDay };
