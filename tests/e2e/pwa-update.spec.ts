import { expect, test } from '@playwright/test';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { App } from './pages/app';

// The preview server serves dist/ as it is on disk: changing sw.js is what a deploy looks like to the browser.
const swPath = 'dist/sw.js';

test('a new deployment is offered as "Update available — Reload", never applied silently', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  const original = readFileSync(swPath, 'utf8');
  try {
    appendFileSync(swPath, `\n// deployed ${Date.now()}\n`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const prompt = page.getByRole('status').filter({ hasText: 'Update available' });
    await expect(prompt).toBeVisible();
    // Until the owner says so, the old worker keeps control.
    const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(before).toContain('sw.js');

    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(app.nav('Members')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Update available' })).toHaveCount(0);
  } finally {
    writeFileSync(swPath, original);
  }
});

test('an update found during a sale waits: Reload is offered only once the cart is done', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await app.nav('Checkout').click();
  await page.getByLabel('Amount (¥)').fill('100');
  await page.getByRole('button', { name: 'Add amount' }).click();

  const original = readFileSync(swPath, 'utf8');
  try {
    appendFileSync(swPath, `\n// deployed ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByRole('status').filter({ hasText: 'Update available' });
    await expect(prompt).toContainText('It can reload once this sale or import is finished.');
    await expect(prompt.getByRole('button', { name: 'Reload' })).toBeDisabled();

    await page.getByRole('button', { name: /Confirm sale/ }).click();
    await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
    await expect(prompt.getByRole('button', { name: 'Reload' })).toBeEnabled();
    await expect(prompt).not.toContainText('It can reload once');
  } finally {
    writeFileSync(swPath, original);
  }
});
