import { expect, test } from '@playwright/test';
import { App, readStore } from './pages/app';

test("a regular's timeline opens at its newest page and shows older entries a page at a time, down to her first sale", async ({
  page,
}) => {
  const app = new App(page);
  await app.open('/');
  await app.loadDemoShop();

  // The demo shop's most frequent buyer, and how many sales she has, straight from IndexedDB.
  const counts = new Map<string, number>();
  for (const s of await readStore<{ memberId: string | null }>(page, 'sales'))
    if (s.memberId) counts.set(s.memberId, (counts.get(s.memberId) ?? 0) + 1);
  const [id, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  const regular = { id, sales: n };
  expect(regular.sales).toBeGreaterThan(30);

  await page.goto(`/#/members/${encodeURIComponent(regular.id)}`);
  const timeline = page.getByRole('list', { name: 'Purchases and points' });
  const saleLinks = timeline.getByRole('link', { name: /^(Purchase|Refund)$/ });
  const showOlder = page.getByRole('button', { name: 'Show older entries' });
  await expect(showOlder).toBeVisible();
  const firstPage = await saleLinks.count();
  expect(firstPage).toBeGreaterThan(0);
  expect(firstPage).toBeLessThanOrEqual(30);

  // Each press reaches further back, until her whole history is there and the button goes.
  let shown = firstPage;
  while (await showOlder.isVisible()) {
    await showOlder.click();
    await expect.poll(() => saleLinks.count()).toBeGreaterThan(shown);
    shown = await saleLinks.count();
  }
  expect(shown).toBe(regular.sales);
});
