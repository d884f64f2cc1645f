import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { App } from './pages/app';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [relative('dist', join(dir, e.name))],
  );
}

test('the build precaches index.html and every asset and lazy chunk, but not the service worker itself', () => {
  const sw = readFileSync('dist/sw.js', 'utf8');
  const precached = new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]));
  expect(precached.has('index.html')).toBe(true);
  expect(precached.has('manifest.webmanifest')).toBe(true);
  expect(precached.has('sw.js')).toBe(false);
  const assets = filesUnder('dist/assets');
  expect(assets.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(10);
  expect(assets.filter((f) => !precached.has(f))).toEqual([]);
  const manifest = JSON.parse(readFileSync('dist/manifest.webmanifest', 'utf8')) as { shortcuts: { url: string }[] };
  expect(manifest.shortcuts.map((s) => s.url)).toEqual(['./#/checkout', './#/members/new']);
});

test('offline from the first load: every page reloads without the network, and a sale goes through', async ({ page, context }) => {
  const app = new App(page);
  await app.open('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await app.registerMember({ name: 'Zhou Min', phone: '13812345678' });
  await expect(page.getByRole('heading', { level: 1, name: /Zhou Min/ })).toBeVisible();
  const memberUrl = page.url();

  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Offline — everything still works' })).toBeVisible();
  for (const [path, heading] of [
    ['/#/members', 'Members'],
    ['/#/checkout', 'Checkout'],
    ['/#/analytics', 'Analytics'],
    ['/#/care', 'Today’s care'],
    ['/#/settings', 'Settings'],
  ] as const) {
    await page.goto(path);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeAttached();
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
  // Lazy pages come from the precache too: the analytics charts draw.
  await page.goto('/#/analytics');
  await expect(page.getByRole('img', { name: /Sales trend/ })).toBeVisible();

  await page.goto(memberUrl);
  await page.getByRole('link', { name: 'New sale' }).click();
  await page.getByLabel('Amount (¥)').fill('100');
  await page.getByRole('button', { name: 'Add amount' }).click();
  await page.getByRole('button', { name: /Confirm sale/ }).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toHaveCount(0);
});
