/**
 * The benchmark harness: runs inside headless Chromium, against the app's real ShopDB in IndexedDB,
 * through the app's real query and command code. It only measures and returns raw timings (ms);
 * bench/run.mjs computes percentiles, compares with targets and prints.
 *
 * Not part of the shipped app: built by bench/vite.config.ts into bench/dist/.
 */
import Dexie from 'dexie';
import { backupRestoreBench } from './backup-bench';
import { createAnalyticsClient } from '../src/lib/analytics/client';
import { createAnalyticsService } from '../src/lib/analytics/service';
import { commitCheckout } from '../src/lib/db/commands/checkout';
import { runDailyJobs } from '../src/lib/db/commands/daily';
import { appContext } from '../src/lib/db/context';
import { memberPage, searchMembers } from '../src/lib/db/queries/members';
import { getSuggestionSettings, suggestionsFor } from '../src/lib/db/queries/suggestions';
import { rebuildRollups } from '../src/lib/db/rollups';
import { DB_NAME, SCHEMA_V1, ShopDB } from '../src/lib/db/shop-db';
import {
  generateShop,
  SHOP_SIZES,
  type ShopBatch,
  type ShopSpec,
  type ShopTable,
} from '../src/lib/demo/generate';
import type { CartLine } from '../src/lib/domain/checkout';
import { localDateOf } from '../src/lib/domain/clock';
import { periodFor, previousPeriod } from '../src/lib/domain/period';
import type { Member } from '../src/lib/domain/member';
import { PAYMENT_METHODS } from '../src/lib/domain/sale';
import type { TierInput } from '../src/lib/domain/tier';

/** S, M and L are the project's sizes; XS only proves the harness still works (bench:smoke). */
export const BENCH_SIZES = {
  XS: { members: 50, sales: 300, months: 3 },
  S: SHOP_SIZES.S,
  M: SHOP_SIZES.M,
  L: SHOP_SIZES.L,
} as const;
export type BenchSize = keyof typeof BENCH_SIZES;

const SEED = 20_260_301;
/** A fixed "now" for the shop (local time of the page; the runner pins Asia/Shanghai): same seed → same shop. */
const END_AT = new Date(2026, 9, 31, 20, 0, 0, 0).getTime();
/** The app's default tiers (src/lib/state/app.svelte.ts), with plain names: the harness does not load i18n. */
const TIERS: TierInput[] = [
  { name: 'Regular', thresholdFen: 0, discountBp: 9500, pointsMultiplierBp: 10000, perks: '' },
  { name: 'Silver', thresholdFen: 200_000, discountBp: 9000, pointsMultiplierBp: 12000, perks: '' },
  { name: 'Gold', thresholdFen: 500_000, discountBp: 8000, pointsMultiplierBp: 15000, perks: '' },
  { name: 'Platinum', thresholdFen: 1_000_000, discountBp: 7500, pointsMultiplierBp: 20000, perks: '' },
];
/** The baseline database: the same tables with their primary key only — no secondary index. */
const RAW_DB_NAME = `${DB_NAME}-bench-raw`;
const WARMUP = 5;

export function benchSpec(size: BenchSize): ShopSpec {
  return { seed: SEED, ...BENCH_SIZES[size], endAt: END_AT, storeName: 'Bench shop', tiers: TIERS };
}

let shop: ShopDB | null = null;

function openShop(): ShopDB {
  if (!shop) throw new Error('load(size) first');
  return shop;
}

function rawDb(): Dexie {
  const stores = Object.fromEntries(
    Object.entries(SCHEMA_V1).map(([table, spec]) => [table, spec.split(',')[0]?.trim() ?? 'id']),
  );
  // Same durability as ShopDB, so the ratio isolates what the indexes (and unique checks) cost.
  const raw = new Dexie(RAW_DB_NAME, { chromeTransactionDurability: 'strict' });
  raw.version(1).stores(stores);
  return raw;
}

/** One generator batch, one read-write transaction over the tables it touches. */
async function writeBatch(db: Dexie, batch: ShopBatch): Promise<number> {
  const names = (Object.keys(batch) as ShopTable[]).filter((n) => (batch[n]?.length ?? 0) > 0);
  let rows = 0;
  await db.transaction('rw', names, async () => {
    for (const name of names) {
      const list = batch[name] ?? [];
      await db.table(name).bulkAdd(list);
      rows += list.length;
    }
  });
  return rows;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

function progress(message: string): void {
  console.log(`bench:progress ${message}`);
}

export interface ChunkTiming {
  rows: number;
  shopMs: number;
  /** The same batch written into the bare database; null where the baseline skipped it. */
  rawMs: number | null;
}

/**
 * The baseline writes every n-th batch: all of them up to M, one in four at L, where the bare write
 * alone would add more than two minutes. The ratio compares the same batches either way.
 */
const BASELINE_EVERY: Record<BenchSize, number> = { XS: 1, S: 1, M: 1, L: 4 };

export interface LoadResult {
  size: BenchSize;
  spec: { members: number; sales: number; months: number; seed: number };
  rows: number;
  chunks: ChunkTiming[];
  /** Pure generator time (CPU, no IndexedDB), summed over the pulls. */
  generateMs: number;
  /** Writing every batch into ShopDB, each batch in its own transaction. */
  shopMs: number;
  /** The baseline's batches: their rows, ShopDB's time for them and the bare database's. */
  sampled: { batches: number; rows: number; shopMs: number; rawMs: number };
  wallMs: number;
  counts: Record<string, number>;
}

/**
 * Generate the shop and write it into a fresh ShopDB (the app's own database name), one transaction
 * per generator batch (~2,000 sales with their points and tier rows, or 2,000 members with their
 * babies), so L does not build one huge transaction. Every BASELINE_EVERY-th batch is also written
 * into the bare baseline database, alternating which goes first; the baseline is deleted afterwards.
 */
async function load(size: BenchSize): Promise<LoadResult> {
  shop?.close();
  shop = null;
  await Dexie.delete(DB_NAME);
  await Dexie.delete(RAW_DB_NAME);
  const db = new ShopDB();
  const raw = rawDb();
  await Promise.all([db.open(), raw.open()]);

  const spec = benchSpec(size);
  const every = BASELINE_EVERY[size];
  const wall0 = performance.now();
  const gen = generateShop(spec);
  const chunks: ChunkTiming[] = [];
  let generateMs = 0;
  let rows = 0;
  let sales = 0;
  for (;;) {
    const g0 = performance.now();
    const next = gen.next();
    generateMs += performance.now() - g0;
    if (next.done) break;
    const batch = next.value;
    const index = chunks.length;
    const shopWrite = () => timed(() => writeBatch(db, batch));
    let shopMs: number;
    let rawMs: number | null = null;
    let written: number;
    if (index % every !== 0) ({ ms: shopMs, value: written } = await shopWrite());
    else if ((index / every) % 2 === 0) {
      ({ ms: shopMs, value: written } = await shopWrite());
      ({ ms: rawMs } = await timed(() => writeBatch(raw, batch)));
    } else {
      ({ ms: rawMs } = await timed(() => writeBatch(raw, batch)));
      ({ ms: shopMs, value: written } = await shopWrite());
    }
    chunks.push({ rows: written, shopMs, rawMs });
    rows += written;
    sales += batch.sales?.length ?? 0;
    if (chunks.length % 10 === 0) progress(`${size}: ${rows} rows (${sales} sales) written`);
  }
  const wallMs = performance.now() - wall0;
  raw.close();
  await Dexie.delete(RAW_DB_NAME);

  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = await table.count();
  shop = db;
  const paired = chunks.filter((c) => c.rawMs !== null);
  return {
    size,
    spec: { members: spec.members, sales: spec.sales, months: spec.months, seed: spec.seed },
    rows,
    chunks,
    generateMs,
    shopMs: chunks.reduce((s, c) => s + c.shopMs, 0),
    sampled: {
      batches: paired.length,
      rows: paired.reduce((s, c) => s + c.rows, 0),
      shopMs: paired.reduce((s, c) => s + c.shopMs, 0),
      rawMs: paired.reduce((s, c) => s + (c.rawMs ?? 0), 0),
    },
    wallMs,
    counts,
  };
}

/**
 * Reuse the shop a kept profile already holds (`npm run bench -- --profile dir`): true when the app's
 * database has this size's members and at least its sales (checkouts of earlier runs add a few).
 */
async function attach(size: BenchSize): Promise<boolean> {
  const db = new ShopDB();
  await db.open();
  const spec = BENCH_SIZES[size];
  if ((await db.members.count()) !== spec.members || (await db.sales.count()) < spec.sales) {
    db.close();
    return false;
  }
  shop?.close();
  shop = db;
  return true;
}

/** `n` members spread evenly over the primary-key order (random-looking, deterministic), starting at `offset` ∈ [0,1). */
async function sampleMembers(db: ShopDB, n: number, offset: number): Promise<Member[]> {
  const keys = await db.members.toCollection().primaryKeys();
  if (keys.length === 0) throw new Error('no members');
  const picked = Array.from(
    { length: n },
    (_, i) => keys[Math.floor(((i + offset) * keys.length) / n) % keys.length] ?? '',
  );
  const rows = await db.members.bulkGet(picked);
  return rows.filter((m): m is Member => m !== undefined);
}

export type LookupKind = 'suffix' | 'phone' | 'name';
export interface LookupSample {
  kind: LookupKind;
  query: string;
  ms: number;
  hits: number;
  /** The member the query was made from is among the results (a 4-digit suffix or a name may match >20). */
  found: boolean;
}

function queryFor(m: Member, i: number): { kind: LookupKind; query: string } {
  switch (i % 3) {
    case 0:
      return { kind: 'suffix', query: m.phone.slice(-4) };
    case 1:
      return { kind: 'phone', query: m.phone };
    default:
      // First character (the surname, as typed first), every other time the first two.
      return { kind: 'name', query: m.name.slice(0, 1 + (Math.floor(i / 3) % 2)) };
  }
}

/** The search box's query (searchMembers), as typed: last 4 digits, a full phone, a name prefix. */
async function lookup(n = 200): Promise<LookupSample[]> {
  const db = openShop();
  for (const [i, m] of (await sampleMembers(db, WARMUP, 0.37)).entries())
    await searchMembers(db, queryFor(m, i).query);
  const members = await sampleMembers(db, n, 0);
  const out: LookupSample[] = [];
  for (const [i, m] of members.entries()) {
    const { kind, query } = queryFor(m, i);
    const { ms, value } = await timed(() => searchMembers(db, query));
    out.push({ kind, query, ms, hits: value.length, found: value.some((r) => r.id === m.id) });
  }
  return out;
}

export interface CheckoutSample {
  ms: number;
  lines: number;
  pointsEarned: number;
  tierChanged: boolean;
}

/** Sales rung up through the real checkout command: real members, real products, 1–3 lines each. */
async function checkout(n = 200): Promise<CheckoutSample[]> {
  const db = openShop();
  const products = (await db.products.orderBy('sku').toArray()).filter((p) => p.active);
  if (products.length === 0) throw new Error('no products');
  const members = await sampleMembers(db, n + WARMUP, 0.5);
  const ctx = appContext(null);
  const out: CheckoutSample[] = [];
  for (const [i, m] of members.entries()) {
    const lines: CartLine[] = Array.from({ length: 1 + (i % 3) }, (_, k) => {
      const p = products[(i * 7 + k * 13) % products.length]!;
      const line: CartLine = {
        productId: p.id,
        sku: p.sku,
        name: p.name,
        brand: p.brand,
        category: p.category,
        unitPriceFen: p.priceFen,
        qty: 1 + ((i + k) % 2),
      };
      return line;
    });
    const req = { memberId: m.id, lines, paymentMethod: PAYMENT_METHODS[i % PAYMENT_METHODS.length]! };
    const { ms, value } = await timed(() => commitCheckout(db, req, ctx));
    if (i < WARMUP) continue;
    out.push({
      ms,
      lines: lines.length,
      pointsEarned: value.sale.pointsEarned,
      tierChanged: value.tierChange !== null,
    });
  }
  return out;
}

export interface MemberPageSample {
  ms: number;
  visitCount: number;
  babies: number;
  sales: number;
  points: number;
}

/**
 * What the member page loads (memberPage: profile, babies, newest timeline entries), for members
 * spread evenly over the visit-count order — from the most frequent visitor down — so the tail is in.
 */
async function openMemberPages(n = 100): Promise<MemberPageSample[]> {
  const db = openShop();
  const all = await db.members.toArray();
  all.sort((a, b) => b.visitCount - a.visitCount || a.id.localeCompare(b.id));
  const pick = (i: number, count: number) =>
    all[Math.round((i * (all.length - 1)) / Math.max(1, count - 1))]!;
  for (let i = 0; i < WARMUP; i++) await memberPage(db, pick(i * 2 + 1, WARMUP * 2 + 1).id);
  const out: MemberPageSample[] = [];
  for (let i = 0; i < n; i++) {
    const m = pick(i, n);
    const { ms, value } = await timed(() => memberPage(db, m.id));
    if (!value) throw new Error(`member ${m.id} vanished`);
    out.push({
      ms,
      visitCount: m.visitCount,
      babies: value.babies.length,
      sales: value.sales.length,
      points: value.points.length,
    });
  }
  return out;
}

export interface SuggestionSample {
  ms: number;
  suggestions: number;
  sales: number;
  babies: number;
}

/**
 * Suggestions for members spread over the visit-count order, as the checkout asks for them once a
 * member is picked (her sales, babies, the catalogue, settings), with the co-purchase model the
 * analytics worker counted — its cost (facts loaded + counted) reported apart, as it runs once a day.
 */
async function suggestions(n = 100): Promise<{ modelMs: number; rules: number; samples: SuggestionSample[] }> {
  const db = openShop();
  const service = createAnalyticsService(db);
  try {
    const settings = await getSuggestionSettings(db);
    const { ms: modelMs, value: table } = await timed(() =>
      service.handle('coPurchase', { minSupport: settings.minSupport, minConfidencePct: settings.minConfidencePct }),
    );
    const model = { rules: new Map(table.rules), popularity: new Map(table.popularity) };
    const all = await db.members.toArray();
    all.sort((a, b) => b.visitCount - a.visitCount || a.id.localeCompare(b.id));
    const pick = (i: number, count: number) => all[Math.round((i * (all.length - 1)) / Math.max(1, count - 1))]!;
    for (let i = 0; i < WARMUP; i++) await suggestionsFor(db, pick(i * 2 + 1, WARMUP * 2 + 1).id, END_AT, model);
    const samples: SuggestionSample[] = [];
    for (let i = 0; i < n; i++) {
      const m = pick(i, n);
      const { ms, value } = await timed(() => suggestionsFor(db, m.id, END_AT, model));
      samples.push({ ms, suggestions: value.length, sales: m.visitCount, babies: await db.babies.where('memberId').equals(m.id).count() });
    }
    return { modelMs, rules: table.rules.length, samples };
  } finally {
    service.close();
  }
}

/** The analytics requests' "today" and period: the shop's last 30 days. */
function analyticsPeriod() {
  const today = localDateOf(END_AT);
  const period = periodFor('d30', today);
  return { today, period, previous: previousPeriod(period, 'd30') };
}

export interface AnalyticsFullSample {
  /** `db.sales.toArray()`: every sales row, read raw in one call. */
  rawMs: number;
  /** The analytics worker's full recompute, run in this page: read members + sales into facts, then
   * behaviour, RFM, churn, programme health and repeat rate. */
  fullMs: number;
  loadMs: number;
  computeMs: number;
  sales: number;
}

/**
 * Full recompute against a raw read of the same sales, in the same page, alternating which goes
 * first; each recompute starts from nothing (the service's memory is dropped first).
 */
async function analyticsFull(n = 5): Promise<AnalyticsFullSample[]> {
  const db = openShop();
  const service = createAnalyticsService(db);
  const req = analyticsPeriod();
  const out: AnalyticsFullSample[] = [];
  try {
    for (let i = 0; i < n + 1; i++) {
      const raw = async () => (await timed(() => db.sales.toArray())).ms;
      const full = () => timed(() => service.handle('full', req));
      let rawMs: number;
      let f: Awaited<ReturnType<typeof full>>;
      if (i % 2 === 0) {
        rawMs = await raw();
        f = await full();
      } else {
        f = await full();
        rawMs = await raw();
      }
      if (i === 0) continue; // warm-up
      out.push({ rawMs, fullMs: f.ms, loadMs: f.value.loadMs, computeMs: f.value.computeMs, sales: f.value.sales });
    }
  } finally {
    service.close();
  }
  return out;
}

export interface DashboardSample {
  /** Starting a fresh worker and opening the database: the app pays this at idle after start (warmUp). */
  warmUpMs: number;
  /** Opening the dashboard as the app does: the warmed-up worker's first overview from rollups. */
  openMs: number;
  /** A fresh worker with no warm-up answering the overview (a dashboard opened within seconds of start). */
  coldMs: number;
  /** The same worker asked again. */
  warmMs: number;
  /** The repeat-purchase rate that follows (reads the period's sales). */
  repeatMs: number;
}

/**
 * The jobs the app runs at start and once a day (points expiry, tier review, birthday coupons). The
 * generator writes no expiries, so the first run expires ten years of lots; afterwards checkouts and
 * the rest see the shop as the app keeps it.
 */
async function dailyJobs(): Promise<{ ms: number; expired: number; downgraded: number }> {
  const { ms, value } = await timed(() => runDailyJobs(openShop(), appContext(null)));
  return { ms, expired: value.expired, downgraded: value.downgraded };
}

/** Rebuild the daily rollups from the sales (what replaceShop does after writing a shop). */
async function rollups(): Promise<{ ms: number; days: number }> {
  const { ms, value } = await timed(() => rebuildRollups(openShop()));
  return { ms, days: value.days };
}

export interface DashboardResult {
  samples: DashboardSample[];
  /** A full recompute asked of the worker (start to answer, worker already running). */
  workerFullMs: number;
  /** The longest main-thread task while the worker answered all of the above (long tasks are ≥ 50 ms; 0 = none). */
  mainThreadMaxTaskMs: number;
}

/**
 * Opening the dashboard: the overview through the real analytics worker, from daily rollups — as the
 * app does it (worker warmed up at idle after start) and cold (a fresh worker) — then a full
 * recompute in that worker, while this page watches its own main thread for long tasks.
 */
async function dashboardOpen(n = 20): Promise<DashboardResult> {
  const req = analyticsPeriod();
  const samples: DashboardSample[] = [];
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let workerFullMs = 0;
  try {
    for (let i = 0; i < n + 1; i++) {
      const client = createAnalyticsClient(DB_NAME);
      try {
        const coldClient = createAnalyticsClient(DB_NAME);
        const cold = await timed(() => coldClient.send('overview', req)).finally(() => coldClient.terminate());
        const warmUp = await timed(() => client.send('warmUp', { today: req.today }));
        const open = await timed(() => client.send('overview', req));
        const warm = await timed(() => client.send('overview', req));
        const repeat = await timed(() => client.send('repeat', req));
        if (open.value.membersTotal === 0 || cold.value.membersTotal === 0) throw new Error('the worker sees an empty shop');
        if (i > 0) samples.push({ warmUpMs: warmUp.ms, openMs: open.ms, coldMs: cold.ms, warmMs: warm.ms, repeatMs: repeat.ms });
        if (i === n) workerFullMs = (await timed(() => client.send('full', req))).ms;
      } finally {
        client.terminate();
      }
    }
  } finally {
    observer.disconnect();
  }
  return { samples, workerFullMs, mainThreadMaxTaskMs: longest };
}

/** Close the connection so the app page (same origin, same database) opens it alone. */
function close(): void {
  shop?.close();
  shop = null;
}

const api = {
  sizes: BENCH_SIZES,
  load,
  attach,
  dailyJobs,
  lookup,
  checkout,
  memberPage: openMemberPages,
  suggestions,
  analyticsFull,
  rollups,
  dashboardOpen,
  backupRestore: () => backupRestoreBench(DB_NAME),
  close,
  /** Whether performance.now() has the fine (cross-origin isolated) resolution. */
  isolated: () => crossOriginIsolated,
};
export type BenchApi = typeof api;

declare global {
  interface Window {
    bench?: BenchApi;
  }
}

window.bench = api;
document.getElementById('status')!.textContent = 'bench harness ready';
