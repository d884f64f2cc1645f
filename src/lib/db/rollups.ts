import { localDateOf, type IsoDate } from '../domain/clock';
import {
  addSaleToRollup,
  diffRollups,
  RollupAccumulator,
  type DailyRollup,
  type RollupDrift,
  type RollupSale,
} from '../domain/rollup';
import type { Sale } from '../domain/sale';
import type { ShopDB } from './shop-db';

/**
 * Daily rollups in the `dailyRollups` table (primary key `date`, the local calendar date).
 *
 * addSaleToRollups is meant to run INSIDE the command transaction that writes the sale or the refund
 * row, so the day's summary and the sale commit together:
 *
 *   db.transaction('rw', [...tables, db.dailyRollups], async () => {
 *     …
 *     await db.sales.add(sale);
 *     await addSaleToRollups(db, sale);
 *   });
 *
 * It awaits Dexie calls only (one get, one put), so it never commits the transaction early.
 */
export async function addSaleToRollups(db: ShopDB, sale: RollupSale): Promise<void> {
  const next = addSaleToRollup(await readRollup(db, localDateOf(sale.at)), sale);
  await db.dailyRollups.put(next);
}

/** Many new sales at once (an import, a merge), inside the caller's transaction: one read and one write per day. */
export async function addSalesToRollups(db: ShopDB, sales: readonly RollupSale[]): Promise<void> {
  const days = [...new Set(sales.map((s) => localDateOf(s.at)))];
  if (days.length === 0) return;
  const stored = (await db.dailyRollups.bulkGet(days)) as (DailyRollup | undefined)[];
  const rollups = new Map(days.map((d, i) => [d, stored[i]]));
  for (const s of sales) {
    const day = localDateOf(s.at);
    rollups.set(day, addSaleToRollup(rollups.get(day), s));
  }
  await db.dailyRollups.bulkPut([...rollups.values()].filter((r): r is DailyRollup => r !== undefined));
}

async function readRollup(db: ShopDB, date: IsoDate): Promise<DailyRollup | undefined> {
  return (await db.dailyRollups.get(date)) as DailyRollup | undefined;
}

/** Sales are read in pages of this many (keyset pagination on the primary key). */
const PAGE = 5_000;

/** Every sale, page by page, inside the caller's transaction (or a read transaction of its own). */
async function eachSalePage(db: ShopDB, onPage: (sales: Sale[]) => void): Promise<void> {
  let last: string | null = null;
  for (;;) {
    const page: Sale[] =
      last === null
        ? await db.sales.orderBy(':id').limit(PAGE).toArray()
        : await db.sales.where(':id').above(last).limit(PAGE).toArray();
    if (page.length === 0) return;
    onPage(page);
    last = page[page.length - 1]?.id ?? null;
    if (page.length < PAGE) return;
  }
}

async function recompute(db: ShopDB): Promise<DailyRollup[]> {
  const acc = new RollupAccumulator();
  await eachSalePage(db, (page) => {
    for (const s of page) acc.add(s);
  });
  return acc.rollups();
}

/**
 * Recompute every rollup from the sales and replace the table, in one transaction (it joins the
 * caller's transaction when there is one that covers sales and dailyRollups, e.g. replaceShop's).
 */
export async function rebuildRollups(db: ShopDB): Promise<{ days: number }> {
  return db.transaction('rw', [db.sales, db.dailyRollups], async () => {
    const rollups = await recompute(db);
    await db.dailyRollups.clear();
    await db.dailyRollups.bulkPut(rollups);
    return { days: rollups.length };
  });
}

export interface RollupReport {
  daysChecked: number;
  drifts: RollupDrift[];
}

/** Compare the stored rollups with a recompute from the sales (the integrity check's part for rollups). */
export async function checkRollups(db: ShopDB): Promise<RollupReport> {
  return db.transaction('r', [db.sales, db.dailyRollups], async () => {
    const expected = await recompute(db);
    const stored = (await db.dailyRollups.toArray()) as DailyRollup[];
    return { daysChecked: Math.max(stored.length, expected.length), drifts: diffRollups(stored, expected) };
  });
}

/** Rollups of the days from `from` to `to` inclusive (for the dashboard). */
export async function rollupsBetween(db: ShopDB, from: IsoDate, to: IsoDate): Promise<DailyRollup[]> {
  return (await db.dailyRollups.where('date').between(from, to, true, true).toArray()) as DailyRollup[];
}
