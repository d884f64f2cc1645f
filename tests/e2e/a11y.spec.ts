import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { App, readStore } from './pages/app';

const PAGES = [
  '/#/checkout',
  '/#/members',
  '/#/members/new',
  '/#/care',
  '/#/segments',
  '/#/events',
  '/#/analytics',
  '/#/analytics/behaviour',
  '/#/analytics/rfm',
  '/#/analytics/churn',
  '/#/analytics/health',
  '/#/analytics/campaigns',
  '/#/settings',
  '/#/import',
  '/#/audit',
];

/** Serious and critical axe violations on the page as it stands, one line each. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`no serious or critical accessibility violations on any page (${lang})`, async ({ page }) => {
    test.setTimeout(180_000);
    const app = new App(page);
    await app.open('/');
    await app.loadDemoShop();
    if (lang === 'zh-CN') await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    const found: Record<string, string[]> = {};
    const firstMember = (await readStore<{ id: string }>(page, 'members'))[0]!.id;
    for (const path of [...PAGES, `/#/members/${firstMember}`]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeAttached();
      await page.waitForTimeout(600); // lazy pages and charts settle
      const v = await violations(page);
      if (v.length > 0) found[path] = v;
    }
    // The lock screen too.
    await page.getByRole('button', { name: lang === 'en' ? 'Lock' : '锁定' }).first().click();
    const v = await violations(page);
    if (v.length > 0) found['lock'] = v;
    expect(found).toEqual({});
  });
}
