import type { ShopDB } from '../shop-db';

type Row = Record<string, unknown>;

/** Settings key: members merged away (their id → the member they became), so a later merge maps them too. */
export const MERGED_MEMBERS_KEY = 'mergedMembers';

/** This device's rows with these primary keys (undefined where there is none), in order. */
export async function rowsByKey(db: ShopDB, table: string, keys: readonly string[]): Promise<(Row | undefined)[]> {
  return (await db.table(table).bulkGet(keys as string[])) as (Row | undefined)[];
}

/** Every row of a small table (tiers). */
export async function allRows(db: ShopDB, table: string): Promise<Row[]> {
  return (await db.table(table).toArray()) as Row[];
}

/** This device's rows whose unique `field` (members.phone, products.sku, coupons.code) has one of `values`. */
export async function rowsByUnique(db: ShopDB, table: string, field: string, values: readonly string[]): Promise<Map<string, Row>> {
  const rows = (await db.table(table).where(field).anyOf(values as string[]).toArray()) as Row[];
  return new Map(rows.map((r) => [String(r[field]), r]));
}

/** Every row of these members in a ledger table indexed by [memberId+at]. */
export async function memberRows(db: ShopDB, table: string, memberIds: Iterable<string>): Promise<Row[]> {
  const out: Row[] = [];
  for (const id of memberIds)
    out.push(...((await db.table(table).where('[memberId+at]').between([id, -Infinity], [id, Infinity]).toArray()) as Row[]));
  return out;
}

export async function mergedMembers(db: ShopDB): Promise<Record<string, string>> {
  const value = (await db.settings.get(MERGED_MEMBERS_KEY))?.value;
  return value !== null && typeof value === 'object' ? (value as Record<string, string>) : {};
}
