import type { ShopDB } from '../shop-db';

/** Rows per table (for "this replaces …" before a restore). */
export async function tableCounts(
  db: ShopDB,
  tables: readonly string[] = db.tables.map((t) => t.name),
): Promise<Record<string, number>> {
  return db.transaction('r', tables, async () => {
    const counts: Record<string, number> = {};
    for (const name of tables) counts[name] = await db.table(name).count();
    return counts;
  });
}

/** Sales rung up after `at` (epoch ms): how much a backup made then is missing. */
export async function salesSince(db: ShopDB, at: number): Promise<number> {
  return db.sales.where('at').above(at).count();
}

/**
 * Every row of a table in primary-key order, `size` rows per read transaction (a people's export: each
 * chunk is a short read, so the page stays responsive; the chunks need not be one snapshot).
 */
export async function forEachChunk<T>(
  db: ShopDB,
  table: string,
  size: number,
  fn: (rows: T[]) => void,
): Promise<number> {
  const t = db.table<T, string>(table);
  const keyPath = t.schema.primKey.keyPath as string;
  let last: string | undefined;
  let n = 0;
  for (;;) {
    const rows =
      last === undefined
        ? await t.orderBy(':id').limit(size).toArray()
        : await t.where(':id').above(last).limit(size).toArray();
    if (rows.length === 0) break;
    fn(rows);
    n += rows.length;
    last = (rows[rows.length - 1] as Record<string, string>)[keyPath];
    if (rows.length < size) break;
  }
  return n;
}
