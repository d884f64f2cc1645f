import { localDateOf, type IsoDate } from './clock';
import type { Fen } from './money';
import type { Sale, SaleLine } from './sale';

/**
 * Daily rollups: one summary row per local calendar day, so the dashboard reads a few hundred small
 * rows instead of every sale. Kept up to date by the sale/return commands in the same transaction
 * (db/rollups addSaleToRollups) and rebuildable from the sales at any time; both paths go through
 * `rollupOfSale`, so they cannot disagree.
 *
 * Refund rows (negative totals, `refundOf` set) count on the day of the refund: they lower the sales
 * figures and count in `refunds`, never in `tickets`.
 */
export interface RollupCell {
  name: string;
  /** Net paid amount of the lines in this category/brand (refund lines are negative). */
  salesFen: Fen;
  /** Sales (not refunds) with at least one line in this category/brand. */
  tickets: number;
}

// A type alias (not an interface) so a row fits the db table's generic `{ date; [field]: unknown }`.
export type DailyRollup = {
  /** The local calendar date: the table's primary key. */
  date: IsoDate;
  /** Net: sales less refunds. */
  salesFen: Fen;
  /** Sales rung up (refund rows excluded). */
  tickets: number;
  memberSalesFen: Fen;
  memberTickets: number;
  /** Sum of refund rows' totals (≤ 0). */
  refundFen: Fen;
  refunds: number;
  /** Sorted by name. Lines without a category count under ''. */
  categories: RollupCell[];
  brands: RollupCell[];
};

export type RollupSale = Pick<Sale, 'at' | 'memberId' | 'totalFen' | 'refundOf'> & {
  lines: readonly Pick<SaleLine, 'category' | 'brand' | 'paidFen'>[];
};

export function emptyRollup(date: IsoDate): DailyRollup {
  return {
    date,
    salesFen: 0,
    tickets: 0,
    memberSalesFen: 0,
    memberTickets: 0,
    refundFen: 0,
    refunds: 0,
    categories: [],
    brands: [],
  };
}

/** One sale's contribution to its local day. */
export function rollupOfSale(sale: RollupSale): DailyRollup {
  const refund = sale.refundOf !== null;
  const member = sale.memberId !== null;
  const ticket = refund ? 0 : 1;
  return {
    date: localDateOf(sale.at),
    salesFen: sale.totalFen,
    tickets: ticket,
    memberSalesFen: member ? sale.totalFen : 0,
    memberTickets: member ? ticket : 0,
    refundFen: refund ? sale.totalFen : 0,
    refunds: refund ? 1 : 0,
    categories: cellsOf(sale.lines, (l) => l.category, ticket),
    brands: cellsOf(sale.lines, (l) => l.brand, ticket),
  };
}

function cellsOf(
  lines: RollupSale['lines'],
  key: (l: RollupSale['lines'][number]) => string,
  ticket: number,
): RollupCell[] {
  const by = new Map<string, RollupCell>();
  for (const l of lines) {
    const name = key(l);
    const cell = by.get(name);
    if (cell) cell.salesFen += l.paidFen;
    else by.set(name, { name, salesFen: l.paidFen, tickets: ticket });
  }
  return [...by.values()].sort(byName);
}

/** Two rollups of the same day added up (neither is changed). */
export function mergeRollups(a: DailyRollup, b: DailyRollup): DailyRollup {
  if (a.date !== b.date) throw new RangeError(`Cannot merge rollups of ${a.date} and ${b.date}`);
  return {
    date: a.date,
    salesFen: a.salesFen + b.salesFen,
    tickets: a.tickets + b.tickets,
    memberSalesFen: a.memberSalesFen + b.memberSalesFen,
    memberTickets: a.memberTickets + b.memberTickets,
    refundFen: a.refundFen + b.refundFen,
    refunds: a.refunds + b.refunds,
    categories: mergeCells(a.categories, b.categories),
    brands: mergeCells(a.brands, b.brands),
  };
}

function mergeCells(a: readonly RollupCell[], b: readonly RollupCell[]): RollupCell[] {
  const by = new Map<string, RollupCell>();
  for (const c of [...a, ...b]) {
    const cell = by.get(c.name);
    if (cell) {
      cell.salesFen += c.salesFen;
      cell.tickets += c.tickets;
    } else by.set(c.name, { ...c });
  }
  return [...by.values()].sort(byName);
}

/** A day's rollup after one more sale (or refund row). */
export function addSaleToRollup(current: DailyRollup | undefined, sale: RollupSale): DailyRollup {
  const delta = rollupOfSale(sale);
  return current ? mergeRollups(current, delta) : delta;
}

/** Accumulates sales into rollups, for a rebuild or a verification (memory: one row per day). */
export class RollupAccumulator {
  private readonly days = new Map<IsoDate, DailyRollup>();

  add(sale: RollupSale): void {
    const delta = rollupOfSale(sale);
    const current = this.days.get(delta.date);
    this.days.set(delta.date, current ? mergeRollups(current, delta) : delta);
  }

  /** Every day with at least one sale or refund, oldest first. */
  rollups(): DailyRollup[] {
    return [...this.days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
}

export function rollupsOfSales(sales: Iterable<RollupSale>): DailyRollup[] {
  const acc = new RollupAccumulator();
  for (const s of sales) acc.add(s);
  return acc.rollups();
}

export interface RollupDrift {
  date: IsoDate;
  /** 'missing': no stored row for a day with sales; 'extra': a stored row for a day without any. */
  field: keyof Omit<DailyRollup, 'date'> | 'missing' | 'extra';
}

/** Every difference between stored rollups and the ones recomputed from the sales. */
export function diffRollups(stored: readonly DailyRollup[], expected: readonly DailyRollup[]): RollupDrift[] {
  const drifts: RollupDrift[] = [];
  const want = new Map(expected.map((r) => [r.date, r]));
  const seen = new Set<IsoDate>();
  for (const s of stored) {
    seen.add(s.date);
    const e = want.get(s.date);
    if (!e) {
      // A day whose sales were all removed may keep an all-zero row: that is not a drift.
      if (!isZero(s)) drifts.push({ date: s.date, field: 'extra' });
      continue;
    }
    for (const f of ['salesFen', 'tickets', 'memberSalesFen', 'memberTickets', 'refundFen', 'refunds'] as const)
      if (s[f] !== e[f]) drifts.push({ date: s.date, field: f });
    if (!sameCells(s.categories, e.categories)) drifts.push({ date: s.date, field: 'categories' });
    if (!sameCells(s.brands, e.brands)) drifts.push({ date: s.date, field: 'brands' });
  }
  for (const e of expected) if (!seen.has(e.date)) drifts.push({ date: e.date, field: 'missing' });
  return drifts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function isZero(r: DailyRollup): boolean {
  return (
    r.salesFen === 0 &&
    r.tickets === 0 &&
    r.refunds === 0 &&
    r.categories.every((c) => c.salesFen === 0 && c.tickets === 0) &&
    r.brands.every((c) => c.salesFen === 0 && c.tickets === 0)
  );
}

function sameCells(a: readonly RollupCell[] | undefined, b: readonly RollupCell[]): boolean {
  if (!Array.isArray(a)) return false;
  const x = [...a].sort(byName);
  return (
    x.length === b.length &&
    x.every((c, i) => {
      const d = b[i];
      return d !== undefined && c.name === d.name && c.salesFen === d.salesFen && c.tickets === d.tickets;
    })
  );
}

function byName(a: RollupCell, b: RollupCell): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
