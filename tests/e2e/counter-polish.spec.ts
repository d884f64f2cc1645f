import { expect, test } from '@playwright/test';
import { App } from './pages/app';

test('a receipt prints alone; F2 goes to the member search; the app offers to install where the browser can', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  await app.registerMember({ name: 'Zhou Min', phone: '13812345678' });
  await page.getByRole('link', { name: 'New sale' }).click();
  await page.getByLabel('Amount (¥)').fill('100');
  await page.getByRole('button', { name: 'Add amount' }).click();
  await page.getByRole('button', { name: /Confirm sale/ }).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();

  // Print: only the receipt, without its buttons.
  await expect(page.getByRole('button', { name: 'Print receipt' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => ({
    nav: getComputedStyle(document.querySelector('nav')!).visibility,
    receipt: getComputedStyle(document.querySelector('.receipt h1')!).visibility,
    buttons: getComputedStyle(document.querySelector('.receipt .actions')!).display,
  }));
  expect(printed).toEqual({ nav: 'hidden', receipt: 'visible', buttons: 'none' });
  await page.emulateMedia({ media: 'screen' });

  // F2: the checkout's member search from a page without one (the receipt), else the page's own.
  await page.keyboard.press('F2');
  await expect(page.getByRole('searchbox', { name: 'Find member' })).toBeFocused();
  await app.nav('Members').click();
  const search = page.getByRole('searchbox', { name: 'Search members' });
  await expect(search).not.toBeFocused();
  await page.keyboard.press('F2');
  await expect(search).toBeFocused();

  // The browser's install offer, shown in Settings and used when the owner taps Install.
  await app.nav('Settings').click();
  await expect(page.getByRole('region', { name: 'Install 会员宝 on this device' })).toHaveCount(0);
  await page.evaluate(() => {
    const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: () => {
        (window as unknown as { prompted: boolean }).prompted = true;
        return Promise.resolve();
      },
      userChoice: Promise.resolve({ outcome: 'accepted' }),
    });
    window.dispatchEvent(offer);
  });
  const install = page.getByRole('region', { name: 'Install 会员宝 on this device' });
  await install.getByRole('button', { name: 'Install' }).click();
  expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(true);
  await expect(install).toHaveCount(0);
});

test('a sale rung up by mistake is undone in one tap, as a full return: her points and spend go back', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  await app.registerMember({ name: 'Zhou Min', phone: '13812345678' });
  await expect(page.getByRole('heading', { level: 1, name: /Zhou Min/ })).toBeVisible();
  const memberUrl = page.url();
  await page.getByRole('link', { name: 'New sale' }).click();
  await page.getByLabel('Amount (¥)').fill('100');
  await page.getByRole('button', { name: 'Add amount' }).click();
  await page.getByRole('button', { name: /Confirm sale/ }).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  await page.getByRole('button', { name: /^Undo this sale \(\d+ s\)$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Return' })).toBeVisible();
  await page.getByRole('link', { name: 'Original sale' }).click();
  await expect(page.getByRole('button', { name: /^Undo this sale/ })).toHaveCount(0);
  await page.goto(memberUrl);
  await expect(page.getByTestId('points-balance')).toHaveText('0');
  await expect(page.getByRole('list', { name: 'Purchases and points' }).getByRole('link', { name: 'Return' })).toBeVisible();
});
