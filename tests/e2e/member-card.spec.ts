import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { App } from './pages/app';

test('a member card: its QR decodes to her card code (not her phone), shows full screen, prints alone, and a scanner finds her at checkout', async ({
  page,
}) => {
  const app = new App(page);
  await app.open('/');
  await app.registerMember({ name: 'Zhou Min', phone: '13812345678' });
  await expect(page.getByRole('heading', { level: 1, name: /Zhou Min/ })).toBeVisible();
  const memberId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');

  // The QR, as the browser draws it, read back by a QR decoder.
  const card = page.getByRole('region', { name: 'Member card' });
  const qr = card.getByRole('img', { name: 'QR code of the member card of Zhou Min' });
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(`HYB1:${memberId}`);
  expect(decoded?.data).not.toContain('13812345678');

  // Full screen, for her to photograph; Esc or Close leaves it.
  await card.getByRole('button', { name: 'Show full screen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Member card' });
  await expect(dialog.getByRole('img', { name: /QR code/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Printing the card prints just the card.
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => document.body.classList.add('printing-card'));
  const visibility = await page.evaluate(() => ({
    nav: getComputedStyle(document.querySelector('nav')!).visibility,
    card: getComputedStyle(document.querySelector('.card > .member-card svg')!).visibility,
  }));
  expect(visibility).toEqual({ nav: 'hidden', card: 'visible' });
  await page.evaluate(() => document.body.classList.remove('printing-card'));
  await page.emulateMedia({ media: 'screen' });

  // At the counter a USB scanner types the code and Enter in one go: she is picked.
  await app.nav('Checkout').click();
  const find = page.getByRole('searchbox', { name: 'Find member' });
  await find.click();
  await page.keyboard.type(decoded!.data, { delay: 0 });
  await page.keyboard.press('Enter');
  const selected = page.getByRole('group', { name: 'Selected member' });
  await expect(selected.getByRole('link', { name: 'Zhou Min' })).toBeVisible();

  // Camera scanning where the browser can; here it says what to do instead.
  await selected.getByRole('button', { name: 'Change member' }).click();
  await page.getByRole('button', { name: 'Scan a member card' }).click();
  await expect(page.getByRole('status').filter({ hasText: /cannot scan with the camera|camera could not be opened/ })).toBeVisible();
});
