import { deriveAggregates, findDrift, type Drift } from '../../domain/ledger';
import type { PointsEntry } from '../../domain/points';
import type { Sale } from '../../domain/sale';
import type { StoredValueEntry } from '../../domain/stored-value';
import { growthBalance } from '../../domain/growth';
import { getSettings } from './settings';
import type { ShopDB } from '../shop-db';

export interface VerifyReport {
  membersChecked: number;
  drifts: Drift[];
}

/**
 * Recompute every member's cached aggregates from the ledgers and report each difference.
 * Reads whole tables once (grouping in memory) rather than one query per member.
 */
export async function verify(db: ShopDB): Promise<VerifyReport> {
  return db.transaction('r', [db.members, db.sales, db.pointsLedger, db.storedValueLedger, db.growthLedger, db.tiers, db.settings], async () => {
    const [members, sales, points, storedValue, growth, tiers, settings] = await Promise.all([
      db.members.toArray(),
      db.sales.toArray(),
      db.pointsLedger.toArray(),
      db.storedValueLedger.toArray(),
      db.growthLedger.toArray(),
      db.tiers.toArray(),
      getSettings(db),
    ]);
    const salesBy = groupBy(sales, (s) => s.memberId);
    const pointsBy = groupBy(points, (p) => p.memberId);
    const storedValueBy = groupBy(storedValue, (v) => v.memberId);
    const growthBy = groupBy(growth, (g) => g.memberId);
    const drifts: Drift[] = [];
    for (const m of members) {
      const actual = deriveAggregates(salesBy.get(m.id) ?? [], pointsBy.get(m.id) ?? [], storedValueBy.get(m.id) ?? []);
      drifts.push(...findDrift(m, actual, tiers, settings.tierBasis));
      const growthValue = growthBalance(growthBy.get(m.id) ?? []);
      if ((m.growthValue ?? 0) !== growthValue) drifts.push({ memberId: m.id, field: 'growthValue', cached: m.growthValue ?? 0, actual: growthValue });
    }
    const known = new Set(members.map((m) => m.id));
    for (const [memberId, rows] of [...salesBy, ...pointsBy, ...storedValueBy] as [string | null, (Sale | PointsEntry | StoredValueEntry)[]][]) {
      if (memberId !== null && !known.has(memberId))
        drifts.push({ memberId, field: 'orphanRows', cached: null, actual: rows.length });
    }
    return { membersChecked: members.length, drifts };
  });
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
