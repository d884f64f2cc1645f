#!/usr/bin/env node
// npm run bench [-- --size S|M|L|XS[,…] | all] [--out file] [--no-build]
//
// Builds the app (when dist/ is missing or older than src/) and the bench harness (bench/dist/),
// serves both on 127.0.0.1 from one origin (cross-origin isolated, so the page has fine timers and
// performance.measureUserAgentSpecificMemory), drives headless Debian Chromium with the e2e tests'
// flags, runs every scenario inside the page against the real ShopDB in IndexedDB, and prints one
// JSON object per scenario, then a table. Results go to bench/results/latest.json (git-ignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { backupNote, backupRecords } from './backup-records.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const appDist = join(root, 'dist');
const benchDist = join(root, 'bench', 'dist');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');

const KNOWN_SIZES = ['XS', 'S', 'M', 'L'];
const KEPT_PROFILE_PORT = 4391;
/** What `--only` may pick (generate+load always runs unless a kept profile already holds the shop). */
const SCENARIOS = ['member-lookup', 'checkout-commit', 'member-page', 'suggestions', 'analytics-full', 'dashboard-open', 'backup-restore', 'memory'];
const N_LOOKUP = 200;
const N_CHECKOUT = 200;
const N_MEMBER_PAGE = 100;
const N_SUGGESTIONS = 100;
const N_ANALYTICS_FULL = 5;
const N_DASHBOARD = 20;

/** Targets of issue #3, defined at size L (smaller shops are measured against the same bar). */
const TARGETS = {
  'member-lookup': { field: 'p95', max: 16, text: 'p95 ≤ 16 ms' },
  'checkout-commit': { field: 'p95', max: 30, text: 'p95 ≤ 30 ms' },
  'member-page': { field: 'p95', max: 50, text: 'p95 ≤ 50 ms' },
  suggestions: { field: 'p95', max: 50, text: 'p95 ≤ 50 ms (issue #10)' },
  'analytics-full': { field: 'ratio', max: 1.5, text: '≤ 1.5× raw scan' },
  'dashboard-open': { field: 'p95', max: 100, text: 'p95 ≤ 100 ms' },
  'backup-export': { text: '—' },
  restore: { field: 'ratio', min: 0.8, text: '≥ 0.8× raw write' },
  'merge-compare': { text: '—' },
  bundle: { field: 'value', max: 150, text: 'initial JS ≤ 150 kB gz' },
  memory: { field: 'value', max: 200, text: 'heap ≤ 200 MB' },
};

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = { sizes: [], out: join(root, 'bench', 'results', 'latest.json'), build: true, only: null, profile: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--size' || a.startsWith('--size=')) opts.sizes.push(...value().split(','));
    else if (a === '--out' || a.startsWith('--out=')) opts.out = resolve(value());
    else if (a === '--no-build') opts.build = false;
    else if (a === '--only' || a.startsWith('--only=')) opts.only = new Set(value().split(','));
    else if (a === '--profile' || a.startsWith('--profile=')) opts.profile = resolve(value());
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: npm run bench [-- --size S|M|L|XS[,…]|all] [--out file] [--no-build] [--only scenario,…] [--profile dir]',
      );
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  opts.sizes = opts.sizes.flatMap((s) => (s.toLowerCase() === 'all' ? ['S', 'M', 'L'] : [s.toUpperCase()]));
  if (opts.sizes.length === 0) opts.sizes = ['S', 'M'];
  for (const s of opts.sizes)
    if (!KNOWN_SIZES.includes(s)) fail(`unknown size ${s} (one of ${KNOWN_SIZES.join(', ')}, all)`);
  opts.sizes = [...new Set(opts.sizes)];
  for (const name of opts.only ?? [])
    if (!SCENARIOS.includes(name)) fail(`unknown scenario ${name} (one of ${SCENARIOS.join(', ')})`);
  return opts;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function log(message) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// ---------------------------------------------------------------- building

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function runVite(args, what) {
  log(`building ${what}…`);
  const r = spawnSync(process.execPath, [vite, 'build', ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) fail(`building ${what} failed`);
}

function buildAll(opts) {
  const index = join(appDist, 'index.html');
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts']
    .map((p) => join(root, p))
    .filter(existsSync);
  const newestInput = Math.max(
    ...inputs.map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)),
  );
  if (!existsSync(index)) {
    if (!opts.build) fail('dist/index.html is missing: run without --no-build');
    runVite([], 'the app (dist/)');
  } else if (opts.build && statSync(index).mtimeMs < newestInput) {
    runVite([], 'the app (dist/ is older than src/)');
  } else {
    log('reusing the app build in dist/');
  }
  runVite(['--config', join(root, 'bench', 'vite.config.ts')], 'the harness (bench/dist/)');
}

// ---------------------------------------------------------------- bundle (no browser needed)

function tagsOf(html) {
  const tags = [];
  for (const m of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const attrs = {};
    for (const a of m[2].matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g))
      attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    tags.push({ tag: m[1].toLowerCase(), attrs });
  }
  return tags;
}

/** Static imports of a built ES module chunk (not `import(…)`), as paths relative to dist/. */
function staticImportsOf(file, code) {
  const found = [];
  const re = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
  for (const m of code.matchAll(re))
    found.push(
      relative(appDist, resolve(dirname(join(appDist, file)), m[1]))
        .split(sep)
        .join('/'),
    );
  return found;
}

function gz(file) {
  const bytes = readFileSync(join(appDist, file));
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
}

/** What the first page loads: the entry script(s), their modulepreloads and static imports, the CSS links. */
function measureBundle() {
  const html = readFileSync(join(appDist, 'index.html'), 'utf8');
  const local = (url) => (url && !/^[a-z]+:/i.test(url) ? url.replace(/^\//, '').split(/[?#]/)[0] : null);
  const js = new Set();
  const css = new Set();
  for (const { tag, attrs } of tagsOf(html)) {
    if (tag === 'script' && attrs.type === 'module' && local(attrs.src)) js.add(local(attrs.src));
    if (tag === 'link' && attrs.rel === 'modulepreload' && local(attrs.href)) js.add(local(attrs.href));
    if (tag === 'link' && attrs.rel === 'stylesheet' && local(attrs.href)) css.add(local(attrs.href));
  }
  // Follow static imports too, in case a chunk is imported without a modulepreload link.
  const queue = [...js];
  while (queue.length > 0) {
    const file = queue.shift();
    if (!existsSync(join(appDist, file))) continue;
    for (const dep of staticImportsOf(file, readFileSync(join(appDist, file), 'utf8')))
      if (!js.has(dep)) {
        js.add(dep);
        queue.push(dep);
      }
  }
  const all = (dir) =>
    readdirSync(join(appDist, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? all(join(dir, e.name)) : [join(dir, e.name).split(sep).join('/')],
    );
  const assets = existsSync(join(appDist, 'assets')) ? all('assets') : [];
  const initialJs = [...js].filter((f) => existsSync(join(appDist, f))).map(gz);
  const initialCss = [...css].filter((f) => existsSync(join(appDist, f))).map(gz);
  const lazy = assets.filter((f) => /\.(js|css)$/.test(f) && !js.has(f) && !css.has(f)).map(gz);
  const worker = readdirSync(appDist)
    .filter((f) => /^(sw|workbox-[\w-]+)\.js$/.test(f))
    .map(gz);
  const sum = (list) => list.reduce((s, f) => s + f.gzipBytes, 0);
  return {
    initialJs,
    initialCss,
    lazy,
    serviceWorker: worker,
    jsGzip: sum(initialJs),
    cssGzip: sum(initialCss),
  };
}

// ---------------------------------------------------------------- serving

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** dist/ at /, bench/dist/ at /bench/: one origin, so the harness and the app share IndexedDB. */
function serve(port) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [base, rel] = path.startsWith('/bench/') ? [benchDist, path.slice(7)] : [appDist, path.slice(1)];
    let file = normalize(join(base, rel || 'index.html'));
    if (!file.startsWith(base + sep)) file = '';
    const headers = {
      // Cross-origin isolation: fine-grained performance.now() and measureUserAgentSpecificMemory().
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok, no) => {
    server.once('error', no);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

// ---------------------------------------------------------------- statistics and records

/** Nearest-rank percentile of a sample. */
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const round = (x, d = 2) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    max: round(sorted.at(-1) ?? null),
  };
}

function withTarget(record) {
  const t = TARGETS[record.name];
  if (!t) return { ...record, target: null, status: record.status ?? null };
  if (record.status === 'not available') return { ...record, target: t.text };
  const figure = record[t.field];
  return {
    ...record,
    target: t.text,
    status:
      typeof figure !== 'number'
        ? 'n/a'
        : t.min !== undefined
          ? figure >= t.min
            ? 'ok'
            : 'under'
          : figure <= t.max
            ? 'ok'
            : 'over',
  };
}

// ---------------------------------------------------------------- the browser

const CHROMIUM_ARGS = [
  // The e2e tests' flags (playwright.config.ts) …
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  // … plus what the memory scenario needs: gc() and unquantised performance.memory, and an eager
  // measureUserAgentSpecificMemory() (otherwise it waits for the next natural GC, up to ~20 s).
  '--js-flags=--expose-gc',
  '--enable-precise-memory-info',
  '--enable-blink-features=ForceEagerMeasureMemory',
];

async function harnessPage(context, origin) {
  const page = await context.newPage();
  page.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith('bench:progress ')) log(text.slice(15));
    else if (msg.type() === 'error') log(`page error: ${text}`);
  });
  page.on('pageerror', (err) => log(`page error: ${err.message}`));
  await page.goto(`${origin}/bench/harness.html`);
  await page.waitForFunction(() => window.bench !== undefined);
  return page;
}

/** The app opens on its PIN gate: set the owner PIN of the bench shop (first time) or unlock it. */
async function signInToApp(page) {
  const setup = page.getByRole('heading', { name: 'Set the owner PIN' });
  const locked = page.getByRole('heading', { name: 'Locked' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await setup.or(locked).or(nav).first().waitFor({ timeout: 120_000 });
  if (await setup.isVisible()) {
    await page.getByRole('textbox', { name: 'Owner’s name' }).fill('Bench');
    await page.getByLabel('PIN', { exact: true }).fill(BENCH_PIN);
    await page.getByLabel('Repeat the PIN').fill(BENCH_PIN);
    await page.getByRole('button', { name: 'Set PIN and start' }).click();
  } else if (await locked.isVisible()) {
    await page.getByLabel('PIN', { exact: true }).fill(BENCH_PIN);
    await page.getByRole('button', { name: 'Unlock' }).click();
  }
  await nav.waitFor({ timeout: 60_000 });
}

const BENCH_PIN = '246810';

async function measureMemory(context, origin) {
  const page = await context.newPage();
  await page.goto(`${origin}/?lang=en#/members`);
  await signInToApp(page);
  // The member list page is up when its virtual list shows member rows (links to #/members/<id>).
  const rows = await page.waitForFunction(
    () => document.querySelectorAll('a[href^="#/members/"]:not([href="#/members/new"])').length,
    null,
    { timeout: 120_000 },
  );
  const listRows = await rows.jsonValue();
  // …then the dashboard (the overview's figures and charts), as the issue asks: the heap after both.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
  await page.getByTestId('kpi-members').filter({ hasText: /\d/ }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1000);
  const result = await page.evaluate(async () => {
    const out = {
      isolated: crossOriginIsolated,
      uasmBytes: null,
      usedJSHeapSize: null,
      totalJSHeapSize: null,
    };
    if (typeof globalThis.gc === 'function') globalThis.gc();
    if (crossOriginIsolated && typeof performance.measureUserAgentSpecificMemory === 'function') {
      const timeout = new Promise((ok) => setTimeout(() => ok(null), 30_000));
      const r = await Promise.race([performance.measureUserAgentSpecificMemory(), timeout]);
      out.uasmBytes = r ? r.bytes : null;
    }
    if (performance.memory) {
      out.usedJSHeapSize = performance.memory.usedJSHeapSize;
      out.totalJSHeapSize = performance.memory.totalJSHeapSize;
    }
    return out;
  });
  await page.close();
  return { ...result, rows: listRows };
}

async function runSize(context, origin, size, opts) {
  const want = (scenario) => opts.only === null || opts.only.has(scenario);
  const records = [];
  const emit = (record) => {
    const r = withTarget(record);
    records.push(r);
    console.log(JSON.stringify(r));
  };
  const t0 = Date.now();
  const page = await harnessPage(context, origin);
  const isolated = await page.evaluate(() => window.bench.isolated());
  if (!isolated) log('warning: the page is not cross-origin isolated (coarse timers)');

  // A kept profile (--profile) that already holds this size's shop is reused: no generate+load figure.
  const attached = opts.profile !== null && (await page.evaluate((s) => window.bench.attach(s), size));
  if (attached) log(`${size}: reusing the shop in ${opts.profile}`);
  else {
    log(`${size}: generating and writing the shop…`);
    const load = await page.evaluate((s) => window.bench.load(s), size);
    const chunkMs = load.chunks.map((c) => c.shopMs);
    emit({
      name: 'generate+load',
      size,
      ...stats(chunkMs),
      unit: 'ms/chunk',
      total: round(load.shopMs, 0),
      rows: load.rows,
      rowsPerSec: Math.round(load.rows / (load.shopMs / 1000)),
      chunks: load.chunks.length,
      generateMs: round(load.generateMs, 0),
      wallMs: round(load.wallMs, 0),
      baseline: round(load.sampled.rawMs, 0),
      baselineRowsPerSec: Math.round(load.sampled.rows / (load.sampled.rawMs / 1000)),
      baselineBatches: load.sampled.batches,
      ratio: round(load.sampled.shopMs / load.sampled.rawMs),
      counts: load.counts,
      spec: load.spec,
    });
  }

  log(`${size}: the app's daily jobs (points expiry, tier review)…`);
  const daily = await page.evaluate(() => window.bench.dailyJobs());
  emit({ name: 'daily-jobs', size, ...stats([daily.ms]), unit: 'ms', expired: daily.expired, downgraded: daily.downgraded });

  if (want('member-lookup')) {
    log(`${size}: member lookups…`);
    const lookups = await page.evaluate((n) => window.bench.lookup(n), N_LOOKUP);
    const byKind = {};
    for (const kind of ['suffix', 'phone', 'name']) {
      const of = lookups.filter((l) => l.kind === kind);
      byKind[kind] = {
        ...stats(of.map((l) => l.ms)),
        found: of.filter((l) => l.found).length,
        meanHits: round(of.reduce((s, l) => s + l.hits, 0) / (of.length || 1), 1),
      };
    }
    emit({ name: 'member-lookup', size, ...stats(lookups.map((l) => l.ms)), unit: 'ms', byKind });
  }

  if (want('checkout-commit')) {
    log(`${size}: checkouts…`);
    const sales = await page.evaluate((n) => window.bench.checkout(n), N_CHECKOUT);
    emit({
      name: 'checkout-commit',
      size,
      ...stats(sales.map((s) => s.ms)),
      unit: 'ms',
      tierChanges: sales.filter((s) => s.tierChanged).length,
      lines: sales.reduce((s, x) => s + x.lines, 0),
    });
  }

  if (want('member-page')) {
    log(`${size}: member pages…`);
    const pages = await page.evaluate((n) => window.bench.memberPage(n), N_MEMBER_PAGE);
    const heaviest = pages.reduce((a, b) => (b.ms > a.ms ? b : a), pages[0]);
    emit({
      name: 'member-page',
      size,
      ...stats(pages.map((p) => p.ms)),
      unit: 'ms',
      maxVisits: Math.max(...pages.map((p) => p.visitCount)),
      slowest: heaviest,
    });
  }

  if (want('suggestions')) {
    log(`${size}: suggestions for picked members…`);
    const s = await page.evaluate((n) => window.bench.suggestions(n), N_SUGGESTIONS);
    emit({
      name: 'suggestions',
      size,
      ...stats(s.samples.map((x) => x.ms)),
      unit: 'ms',
      modelMs: round(s.modelMs),
      rules: s.rules,
      shownAvg: round(s.samples.reduce((a, x) => a + x.suggestions, 0) / Math.max(1, s.samples.length)),
    });
  }

  if (want('analytics-full')) {
    log(`${size}: analytics full recompute vs raw read…`);
    const full = await page.evaluate((n) => window.bench.analyticsFull(n), N_ANALYTICS_FULL);
    const rawStats = stats(full.map((f) => f.rawMs));
    const fullStats = stats(full.map((f) => f.fullMs));
    emit({
      name: 'analytics-full',
      size,
      ...fullStats,
      unit: 'ms',
      baseline: rawStats.p50,
      baselineP95: rawStats.p95,
      ratio: round(fullStats.p50 / rawStats.p50),
      loadP50: stats(full.map((f) => f.loadMs)).p50,
      computeP50: stats(full.map((f) => f.computeMs)).p50,
      sales: full[0]?.sales ?? null,
    });
  }

  if (want('dashboard-open')) {
    log(`${size}: dashboard open from rollups…`);
    const rebuilt = await page.evaluate(() => window.bench.rollups());
    const dashboard = await page.evaluate((n) => window.bench.dashboardOpen(n), N_DASHBOARD);
    const opens = dashboard.samples;
    const warm = stats(opens.map((o) => o.warmMs));
    const cold = stats(opens.map((o) => o.coldMs));
    const warmUp = stats(opens.map((o) => o.warmUpMs));
    const repeat = stats(opens.map((o) => o.repeatMs));
    emit({
      name: 'dashboard-open',
      size,
      ...stats(opens.map((o) => o.openMs)),
      unit: 'ms',
      coldP50: cold.p50,
      coldP95: cold.p95,
      warmUpP50: warmUp.p50,
      warmP50: warm.p50,
      warmP95: warm.p95,
      repeatP50: repeat.p50,
      repeatP95: repeat.p95,
      rollupDays: rebuilt.days,
      rollupRebuildMs: round(rebuilt.ms, 0),
      workerFullMs: round(dashboard.workerFullMs, 0),
      mainThreadMaxTaskMs: round(dashboard.mainThreadMaxTaskMs, 0),
    });
  }

  if (want('backup-restore')) {
    log(`${size}: backup and restore (backup worker)…`);
    const br = await page.evaluate(() => window.bench.backupRestore());
    for (const record of backupRecords(size, br, round)) emit(record);
  }

  await page.evaluate(() => window.bench.close());
  await page.close();

  if (want('memory')) {
    log(`${size}: memory of the app after its member list and dashboard…`);
    const mem = await measureMemory(context, origin);
    const primary = mem.uasmBytes ?? mem.usedJSHeapSize;
    const mb = primary === null ? null : round(primary / 1e6, 1);
    emit({
      name: 'memory',
      size,
      n: 1,
      p50: mb,
      p95: mb,
      max: mb,
      value: mb,
      unit: 'MB',
      method: mem.uasmBytes !== null ? 'measureUserAgentSpecificMemory' : 'usedJSHeapSize after gc()',
      usedJSHeapMB: mem.usedJSHeapSize === null ? null : round(mem.usedJSHeapSize / 1e6, 1),
      uasmMB: mem.uasmBytes === null ? null : round(mem.uasmBytes / 1e6, 1),
      listRows: mem.rows,
    });
  }

  log(`${size}: done in ${Math.round((Date.now() - t0) / 1000)} s`);
  return { records, seconds: (Date.now() - t0) / 1000 };
}

// ---------------------------------------------------------------- the table

function fmt(x) {
  if (x === null || x === undefined) return '—';
  if (typeof x !== 'number') return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(Math.abs(x) >= 10 ? 1 : 2);
}

function note(r) {
  switch (r.name) {
    case 'backup-export':
    case 'restore':
    case 'merge-compare':
      return backupNote(r, fmt);
    case 'generate+load':
      return `${fmt(r.rows)} rows in ${fmt(r.total / 1000)} s (${fmt(r.rowsPerSec)} rows/s); raw ${fmt(r.baseline / 1000)} s (${fmt(r.baselineRowsPerSec)} rows/s) → ${fmt(r.ratio)}× raw; generator ${fmt(r.generateMs / 1000)} s`;
    case 'member-lookup':
      return Object.entries(r.byKind)
        .map(([k, v]) => `${k} p95 ${fmt(v.p95)}`)
        .join(', ');
    case 'checkout-commit':
      return `${r.tierChanges} tier changes`;
    case 'daily-jobs':
      return `${fmt(r.expired)} lots expired, ${fmt(r.downgraded)} members moved down (first run after the load)`;
    case 'analytics-full':
      return `raw toArray p50 ${fmt(r.baseline)} ms → ${fmt(r.ratio)}× raw (load ${fmt(r.loadP50)} + compute ${fmt(r.computeP50)} ms, ${fmt(r.sales)} sales)`;
    case 'dashboard-open':
      return `worker warmed up at idle (${fmt(r.warmUpP50)} ms); cold worker p50/p95 ${fmt(r.coldP50)}/${fmt(r.coldP95)} ms; warm p95 ${fmt(r.warmP95)} ms; repeat rate p95 ${fmt(r.repeatP95)} ms; ${fmt(r.rollupDays)} rollup days (rebuild ${fmt(r.rollupRebuildMs)} ms); full recompute in the worker ${fmt(r.workerFullMs)} ms, page's longest task ${fmt(r.mainThreadMaxTaskMs)} ms`;
    case 'suggestions':
      return `${fmt(r.shownAvg)} shown on average; co-purchase model (facts + counts, once a day in the worker) ${fmt(r.modelMs)} ms, ${fmt(r.rules)} products with rules`;
    case 'member-page':
      return `slowest: ${r.slowest?.sales} sales + ${r.slowest?.points} points rows`;
    case 'bundle':
      return `JS ${r.initialJs.length} file(s), CSS ${fmt(r.cssKB)} kB gz; lazy: ${r.lazy.map((f) => `${f.file.replace(/^assets\//, '')} ${fmt(f.gzipKB)}`).join(', ') || 'none'}`;
    case 'memory':
      return `${r.method}; JS heap ${fmt(r.usedJSHeapMB)} MB`;
    default:
      return r.note ?? '';
  }
}

function table(records) {
  const head = ['size', 'scenario', 'n', 'p50', 'p95', 'max', 'unit', 'target', 'status', 'notes'];
  const rows = records.map((r) => [
    r.size ?? '—',
    r.name,
    fmt(r.n),
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.max),
    r.unit,
    r.target ?? '—',
    r.status ?? '—',
    note(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = new Date();
  await import('../scripts/ensure-chromium.mjs');
  buildAll(opts);

  const records = [];
  const b = measureBundle();
  const kb = (bytes) => round(bytes / 1000, 1);
  const bundle = withTarget({
    name: 'bundle',
    size: null,
    n: b.initialJs.length,
    p50: kb(b.jsGzip),
    p95: kb(b.jsGzip),
    max: kb(b.jsGzip),
    value: kb(b.jsGzip),
    unit: 'kB gz',
    cssKB: kb(b.cssGzip),
    initialJs: b.initialJs.map((f) => ({ file: f.file, kB: kb(f.bytes), gzipKB: kb(f.gzipBytes) })),
    initialCss: b.initialCss.map((f) => ({ file: f.file, kB: kb(f.bytes), gzipKB: kb(f.gzipBytes) })),
    lazy: b.lazy.map((f) => ({ file: f.file, kB: kb(f.bytes), gzipKB: kb(f.gzipBytes) })),
    serviceWorker: b.serviceWorker.map((f) => ({ file: f.file, kB: kb(f.bytes), gzipKB: kb(f.gzipBytes) })),
  });
  records.push(bundle);
  console.log(JSON.stringify(bundle));

  // A kept profile's database belongs to an origin: the same port every time (a free one otherwise).
  const server = await serve(opts.profile === null ? 0 : KEPT_PROFILE_PORT);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  // A fresh profile per run (not per scenario): the shop is written once per size. It is a real
  // on-disk profile: an incognito context's small storage quota refuses a restore at L ("disk full").
  // --profile keeps one (and reuses the shop in it) so a single scenario can be re-run quickly.
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'huiyuanbao-bench-'));
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_ARGS,
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
    // The app's service worker (navigateFallback → index.html) would answer /bench/harness.html.
    serviceWorkers: 'block',
  });
  const chromiumVersion = context.browser()?.version() ?? 'unknown';
  const seconds = {};
  try {
    for (const size of opts.sizes) {
      const r = await runSize(context, origin, size, opts);
      records.push(...r.records);
      seconds[size] = Math.round(r.seconds);
    }
  } finally {
    await context.close();
    if (opts.profile === null) rmSync(profile, { recursive: true, force: true });
    server.close();
  }

  console.log('');
  console.log(table(records));
  const result = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    sizes: opts.sizes,
    secondsPerSize: seconds,
    chromium: chromiumVersion,
    node: process.version,
    cpus: cpus().length,
    results: records,
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${relative(process.cwd(), opts.out) || opts.out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
