// Screenshots of every screen at tablet (1280×800) and phone (390×844) size, in both languages.
// Usage: npm run build && npx vite preview --port 4400 & node scripts/screenshots.mjs http://127.0.0.1:4400 screenshots
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:4400';
const out = process.argv[3] ?? 'screenshots';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'],
});
const sizes = { tablet: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

for (const lang of ['zh-CN', 'en']) {
  const context = await browser.newContext({ viewport: sizes.tablet, locale: lang === 'en' ? 'en-US' : 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${base}/?lang=${lang}#/settings`);
  // Load the demo shop once per profile so every page has data.
  const load = page.getByRole('button', { name: lang === 'en' ? 'Load demo shop' : '载入演示店铺' });
  await load.click();
  await page.getByRole('button', { name: lang === 'en' ? 'Confirm' : '确认' }).first().click();
  await page.getByRole('status').filter({ hasText: lang === 'en' ? 'members' : '位会员' }).first().waitFor();
  const firstMember = await page.evaluate(async () => {
    const open = indexedDB.open('huiyuanbao');
    const dbh = await new Promise((res) => (open.onsuccess = () => res(open.result)));
    const tx = dbh.transaction('members');
    const req = tx.objectStore('members').index('lastPurchaseAt').openCursor(null, 'prev');
    return new Promise((res) => (req.onsuccess = () => res(req.result?.value.id ?? null)));
  });
  const routes = {
    checkout: firstMember ? `#/checkout?member=${firstMember}` : '#/checkout',
    members: '#/members',
    'member-new': '#/members/new',
    member: firstMember ? `#/members/${firstMember}` : '#/members',
    settings: '#/settings',
  };
  for (const [sizeName, viewport] of Object.entries(sizes)) {
    await page.setViewportSize(viewport);
    for (const [name, hash] of Object.entries(routes)) {
      await page.goto(`${base}/?lang=${lang}${hash}`);
      await page.waitForTimeout(700);
      if (name === 'checkout') {
        const product = page.locator('.products button').first();
        if (await product.count()) {
          await product.click();
          await page.locator('.products button').nth(3).click();
        }
      }
      await page.screenshot({ path: `${out}/${name}-${sizeName}-${lang}.png`, fullPage: sizeName === 'phone' });
    }
  }
  await context.close();
}
await browser.close();
console.log(`screenshots in ${out}/`);
