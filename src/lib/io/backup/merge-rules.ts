/**
 * How a backup from another device of the same shop merges into this one (pure: rows in, decisions
 * out). Rows are matched by primary key (UUID):
 *  - mutable rows (members, products, coupons …): the newer `updatedAt` wins; a tie keeps this device's;
 *  - ledger-like rows (sales, points, stored value, growth, history, contacts …): unioned by id — a row
 *    this device has is never replaced, a missing one is added;
 *  - settings: this device's are kept (a key it lacks is added); daily rollups are rebuilt, not copied.
 * Two rows that are one thing under different ids (the same phone registered on both devices, the same
 * sku) become one: the other device's rows that name it are re-pointed to this device's id.
 */
import { BACKUP_REFERENCES } from '../csv/backup-columns';
import type { Row } from '../csv/rows';

export type MergeRule = 'newerWins' | 'union' | 'keepLocal' | 'rebuilt';

export const MERGE_RULES: Readonly<Record<string, MergeRule>> = {
  members: 'newerWins',
  babies: 'newerWins',
  products: 'newerWins',
  tiers: 'newerWins',
  couponTemplates: 'newerWins',
  coupons: 'newerWins',
  gifts: 'newerWins',
  campaigns: 'newerWins',
  events: 'newerWins',
  eventSignups: 'newerWins',
  segments: 'newerWins',
  paidMemberships: 'newerWins',
  staff: 'newerWins',
  sales: 'union',
  pointsLedger: 'union',
  storedValueLedger: 'union',
  tierHistory: 'union',
  contacts: 'union',
  feedback: 'union',
  growthLedger: 'union',
  auditLog: 'union',
  settings: 'keepLocal',
  dailyRollups: 'rebuilt',
};

/** What happens to one incoming row. */
export type RowOutcome = 'add' | 'update' | 'unchanged' | 'keptLocal' | 'skipped';

/** JSON with object keys sorted and undefined fields left out: equal rows give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = x;
    }
    return out;
  });
}

export function sameRow(a: Row, b: Row): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function stamp(row: Row): number {
  return typeof row.updatedAt === 'number' ? row.updatedAt : 0;
}

export function rowOutcome(rule: MergeRule, local: Row | undefined, incoming: Row): RowOutcome {
  if (rule === 'rebuilt') return 'skipped';
  if (!local) return 'add';
  if (sameRow(local, incoming)) return 'unchanged';
  if (rule === 'newerWins' && stamp(incoming) > stamp(local)) return 'update';
  return 'keptLocal';
}

/** Ids of the other device → this device's id, for members and products that are one thing. */
export interface IdMaps {
  members: ReadonlyMap<string, string>;
  products: ReadonlyMap<string, string>;
  tiers: ReadonlyMap<string, string>;
}

/** Fields naming a tier, per table. */
const TIER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  members: ['tierId'],
  sales: ['tierId'],
  tierHistory: ['fromTierId', 'toTierId'],
};

/** Fields naming a member, per table (from the backup's reference list). */
const MEMBER_FIELDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(BACKUP_REFERENCES).map(([table, fields]) => [
    table,
    Object.entries(fields)
      .filter(([, target]) => target === 'members')
      .map(([field]) => field),
  ]),
);

export function memberFieldsOf(table: string): readonly string[] {
  return MEMBER_FIELDS[table] ?? [];
}

/** The row with every member, product and tier it names translated through `maps` (a new object if any changed). */
export function repointRow(table: string, row: Row, maps: IdMaps): Row {
  let out = row;
  const through = (fields: readonly string[], map: ReadonlyMap<string, string>) => {
    for (const field of fields) {
      const v = row[field];
      const to = typeof v === 'string' ? map.get(v) : undefined;
      if (to !== undefined) out = { ...out, [field]: to };
    }
  };
  through(memberFieldsOf(table), maps.members);
  if (maps.tiers.size > 0) through(TIER_FIELDS[table] ?? [], maps.tiers);
  const filter = row.filter as { tierIds?: unknown } | undefined;
  if (table === 'segments' && maps.tiers.size > 0 && Array.isArray(filter?.tierIds))
    out = { ...out, filter: { ...filter, tierIds: filter.tierIds.map((id: string) => maps.tiers.get(id) ?? id) } };
  if (table === 'sales' && Array.isArray(row.lines) && maps.products.size > 0) {
    let changed = false;
    const lines = (row.lines as Row[]).map((line) => {
      const to = typeof line.productId === 'string' ? maps.products.get(line.productId) : undefined;
      if (to === undefined) return line;
      changed = true;
      return { ...line, productId: to };
    });
    if (changed) out = { ...out, lines };
  }
  return out;
}

/**
 * Rows the daily jobs write on each device for the same fact — a lot's expiry, a profile's one-off
 * growth, months of membership, a year's decay, a history count. Both devices' rows would count it
 * twice, so an incoming one is skipped when this device already has a row with its key. (Tenure: when
 * she has any tenure row here; the next daily job credits the months still missing.)
 */
export function jobKey(table: string, row: Row): string | null {
  const member = String(row.memberId);
  if (table === 'pointsLedger' && row.kind === 'expire' && typeof row.lotId === 'string')
    return `expire|${member}|${row.lotId}`;
  if (table !== 'growthLedger') return null;
  switch (row.kind) {
    case 'profile':
    case 'tenure':
    case 'opening':
      return `${row.kind}|${member}`;
    case 'decay':
      return `decay|${member}|${new Date(Number(row.at)).getFullYear()}`;
    default:
      return null;
  }
}

export type MergeConflict =
  /** The same phone on two members: they become one (the other device's rows re-pointed to ours). */
  | { kind: 'samePhone'; phone: string; localId: string; localName: string; incomingId: string; incomingName: string }
  /** The same sku on two products: one product (its sales lines re-pointed). */
  | { kind: 'sameSku'; sku: string; localId: string; incomingId: string; name: string }
  /** A tier of the same name with another id (two devices set up on their own): one tier, ours. */
  | { kind: 'sameTier'; name: string; localId: string; incomingId: string }
  /** The same coupon code on two coupons: the other device's is left out. */
  | { kind: 'sameCode'; code: string; incomingId: string }
  /** An update that would give a member a phone another member of ours has: ours is kept. */
  | { kind: 'phoneTaken'; phone: string; localId: string; incomingId: string; name: string };

export interface TableMergeCounts {
  add: number;
  update: number;
  unchanged: number;
  keptLocal: number;
  skipped: number;
}

export function emptyCounts(): TableMergeCounts {
  return { add: 0, update: 0, unchanged: 0, keptLocal: 0, skipped: 0 };
}

export interface MergeSummary {
  storeName: string;
  createdAt: number;
  counts: Record<string, TableMergeCounts>;
  conflicts: MergeConflict[];
  /** Members whose balances are recounted (rows added or re-pointed, or her record replaced). */
  membersTouched: number;
}
