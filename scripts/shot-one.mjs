// Screenshot one route on the demo shop at tablet and phone size: node scripts/shot-one.mjs <base> <hash> <out-prefix> [lang]
import { chromium } from '@playwright/test';
const [base, hash, prefix, lang = 'en'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang === 'en' ? 'en-US' : 'zh-CN' });
const page = await context.newPage();
await page.goto(`${base}/?lang=${lang}#/settings`);
await page.getByRole('button', { name: lang === 'en' ? 'Load demo shop' : '载入演示店铺' }).click();
await page.getByRole('button', { name: lang === 'en' ? 'Confirm' : '确认' }).first().click();
await page.getByRole('status').filter({ hasText: lang === 'en' ? 'members' : '位会员' }).first().waitFor();
await page.goto(`${base}/?lang=${lang}${hash}`);
await page.waitForTimeout(2500);
await page.screenshot({ path: `${prefix}-tablet.png`, fullPage: true });
await page.setViewportSize({ width: 390, height: 844 });
await page.waitForTimeout(800);
await page.screenshot({ path: `${prefix}-phone.png`, fullPage: true });
await browser.close();
