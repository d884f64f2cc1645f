import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

// The benchmark harness still works: `bench/run.mjs` at a tiny size (50 members, 300 sales, ≈ 6 s).
// Only the shape of the output is checked — no test asserts a time.
const run = promisify(execFile);

const SCENARIOS = ['generate+load', 'daily-jobs', 'member-lookup', 'checkout-commit', 'member-page', 'analytics-full', 'dashboard-open', 'backup-export', 'restore', 'memory'];
const NOT_YET: string[] = [];

interface BenchRecord {
  name: string;
  size: string | null;
  n: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  unit: string;
  status: string | null;
  [field: string]: unknown;
}

test('npm run bench -- --size XS prints and writes every scenario with numeric figures', async () => {
  test.setTimeout(120_000);
  const out = test.info().outputPath('bench-xs.json');
  // --no-build: test:e2e has just built dist/; the harness itself is always rebuilt (< 1 s).
  const { stdout } = await run(
    process.execPath,
    ['bench/run.mjs', '--size', 'XS', '--no-build', '--out', out],
    {
      maxBuffer: 10 * 1024 * 1024,
    },
  );

  const printed = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as BenchRecord);
  const written = (JSON.parse(readFileSync(out, 'utf8')) as { results: BenchRecord[] }).results;
  expect(written).toEqual(printed);

  const bundle = written.find((r) => r.name === 'bundle');
  expect(bundle?.unit).toBe('kB gz');
  expect(typeof bundle?.p95).toBe('number');

  for (const name of SCENARIOS) {
    const r = written.find((x) => x.name === name && x.size === 'XS');
    expect(r, name).toBeDefined();
    for (const field of ['n', 'p50', 'p95', 'max'] as const)
      expect(typeof r?.[field], `${name}.${field}`).toBe('number');
    expect(r?.n, name).toBeGreaterThan(0);
  }
  for (const name of NOT_YET)
    expect(written.find((x) => x.name === name)?.status, name).toBe('not available');
  expect(written.find((r) => r.name === 'generate+load')?.['ratio']).toEqual(expect.any(Number));
  expect(written.find((r) => r.name === 'analytics-full')?.['ratio']).toEqual(expect.any(Number));
  expect(written.find((r) => r.name === 'restore')?.['ratio']).toEqual(expect.any(Number));
  expect(stdout).toContain('scenario');
});
