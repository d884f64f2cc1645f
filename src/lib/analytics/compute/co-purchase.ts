/**
 * Co-purchase (members who bought X also buy Y): association counts over baskets — here one basket
 * per member, the products she kept (bought, net of returns). Pure; run in the analytics worker.
 */
import { memberSales, type Facts } from './facts';

export interface AssociationOptions {
  /** A pair needs at least this many baskets holding both. */
  minSupport: number;
  /** And at least this share (percent) of X's baskets holding Y. */
  minConfidencePct: number;
  /** Keep this many Ys per X. */
  perItem: number;
}

export interface AssociationRule {
  item: number;
  support: number;
  confidencePct: number;
}

export interface Associations {
  /** Baskets holding each item. */
  support: Map<number, number>;
  /** For each X: its Ys passing both thresholds, by confidence, then support, then item. */
  rules: Map<number, AssociationRule[]>;
  baskets: number;
}

/**
 * Count items and pairs over baskets of distinct item numbers (duplicates inside a basket count
 * once), then keep the rules X → Y with support(X, Y) ≥ minSupport and
 * round(100 × support(X, Y) / support(X)) ≥ minConfidencePct.
 */
export function associations(baskets: Iterable<readonly number[]>, opts: AssociationOptions): Associations {
  const support = new Map<number, number>();
  const pairs = new Map<number, number>();
  let n = 0;
  // Pair keys pack two item numbers; item numbers stay far below 2^26.
  const SHIFT = 2 ** 26;
  for (const raw of baskets) {
    const items = [...new Set(raw)].sort((a, b) => a - b);
    if (items.length === 0) continue;
    n += 1;
    for (let i = 0; i < items.length; i++) {
      const a = items[i] as number;
      support.set(a, (support.get(a) ?? 0) + 1);
      for (let j = i + 1; j < items.length; j++) {
        const key = a * SHIFT + (items[j] as number);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  const rules = new Map<number, AssociationRule[]>();
  const add = (x: number, y: number, both: number) => {
    const confidencePct = Math.round((100 * both) / (support.get(x) ?? 1));
    if (confidencePct < opts.minConfidencePct) return;
    const list = rules.get(x);
    const rule = { item: y, support: both, confidencePct };
    if (list) list.push(rule);
    else rules.set(x, [rule]);
  };
  for (const [key, both] of pairs) {
    if (both < opts.minSupport) continue;
    const a = Math.floor(key / SHIFT);
    const b = key - a * SHIFT;
    add(a, b, both);
    add(b, a, both);
  }
  for (const [x, list] of rules)
    rules.set(
      x,
      list.sort((p, q) => q.confidencePct - p.confidencePct || q.support - p.support || p.item - q.item).slice(0, opts.perItem),
    );
  return { support, rules, baskets: n };
}

/** One basket per member: the products (Facts.products numbers) she bought and did not return in full. */
export function* memberBaskets(facts: Facts): Generator<number[]> {
  const s = facts.sales;
  const net = new Map<number, number>();
  for (let m = 0; m < facts.members.length; m++) {
    net.clear();
    for (const i of memberSales(facts, m)) {
      const sign = s.refund[i] ? -1 : 1;
      for (let k = s.lineStart[i] ?? 0; k < (s.lineStart[i + 1] ?? 0); k++) {
        const p = s.lineProduct[k] ?? -1;
        if (p >= 0) net.set(p, (net.get(p) ?? 0) + sign * (s.lineQty[k] ?? 1));
      }
    }
    const basket: number[] = [];
    for (const [p, q] of net) if (q > 0) basket.push(p);
    if (basket.length > 0) yield basket;
  }
}

/** The model the suggestions read, keyed by product id (plain arrays: it crosses postMessage). */
export interface CoPurchaseTable {
  rules: [productId: string, ys: { productId: string; support: number; confidencePct: number }[]][];
  popularity: [productId: string, members: number][];
  members: number;
}

export function coPurchaseTable(facts: Facts, opts: Omit<AssociationOptions, 'perItem'>, perItem = 5): CoPurchaseTable {
  const a = associations(memberBaskets(facts), { ...opts, perItem });
  const id = (p: number) => facts.products[p] ?? '';
  return {
    rules: [...a.rules].map(([x, ys]) => [id(x), ys.map((y) => ({ productId: id(y.item), support: y.support, confidencePct: y.confidencePct }))]),
    popularity: [...a.support].map(([p, members]) => [id(p), members]),
    members: a.baskets,
  };
}
