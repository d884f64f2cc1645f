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
