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
    card: getComputedStyle(document.querySelector('.one svg')!).visibility,
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

test('a segment prints its members’ cards as A4 sheets, ten to a page', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  await app.registerMember({ name: 'Zhou Min', phone: '13812345678' });
  await app.registerMember({ name: 'Sun Li', phone: '13900001111' });
  await expect(page.getByRole('heading', { level: 1, name: /Sun Li/ })).toBeVisible();
  await page.goto('/#/segments');
  const print = page.getByRole('button', { name: 'Print member cards (2)' });
  await expect(print).toBeEnabled();
  // What the printer gets: the sheet as it stands when print() is called.
  await page.evaluate(() => {
    window.print = () => {
      const sheet = document.querySelector('.card-sheet');
      (window as unknown as { printed: unknown }).printed = {
        cards: sheet?.querySelectorAll('.member-card').length,
        names: [...(sheet?.querySelectorAll('.name') ?? [])].map((n) => n.textContent).sort(),
        qr: sheet?.querySelectorAll('svg[role="img"]').length,
        sheetClass: document.body.classList.contains('printing-sheet'),
      };
      dispatchEvent(new Event('afterprint'));
    };
  });
  await print.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: unknown }).printed)).toEqual({
    cards: 2,
    names: ['Sun Li', 'Zhou Min'],
    qr: 2,
    sheetClass: true,
  });
  // Printed, the sheet leaves the page.
  await expect(page.locator('.card-sheet')).toHaveCount(0);
  expect(await page.evaluate(() => document.body.classList.contains('printing-sheet'))).toBe(false);
});
