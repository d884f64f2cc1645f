import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { AnalyticsPage, parseCsv, rawSales, yuan } from './pages/analytics';
import { App } from './pages/app';

test('analytics on the demo shop: every page, a period switch, a table, a CSV, figures that match the data', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = new App(page);
  const analytics = new AnalyticsPage(page);
  await app.open('/');
  await app.loadDemoShop();

  // Overview, last 30 days: members total and sales are what the database holds.
  await analytics.open();
  await expect(analytics.tab('Overview')).toHaveAttribute('aria-current', 'page');
  const d30 = await rawSales(page, 30);
  await expect(analytics.kpi('kpi-members')).toHaveText(d30.members.toLocaleString('en-US'));
  await expect(analytics.kpi('kpi-sales')).toHaveText(yuan(d30.salesFen));
  await expect(analytics.kpi('kpi-tickets')).toHaveText(d30.tickets.toLocaleString('en-US'));
  await expect(analytics.kpi('kpi-repeat')).toHaveText(/%$/);

  // Switch to the last 90 days: the figures follow.
  await page.getByLabel('Period').selectOption({ label: 'Last 90 days' });
  const d90 = await rawSales(page, 90);
  await expect(analytics.kpi('kpi-sales')).toHaveText(yuan(d90.salesFen));
  await expect(analytics.kpi('kpi-tickets')).toHaveText(d90.tickets.toLocaleString('en-US'));

  // The trend's table: one row per day, behind a toggle.
  const trend = analytics.card('Sales trend');
  await expect(trend.getByRole('img', { name: /Sales trend: line chart of 90 data points/ })).toBeVisible();
  const toggle = trend.getByRole('button', { name: 'Show table: Sales trend' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(trend.getByRole('button', { name: 'Hide table: Sales trend' })).toHaveAttribute('aria-expanded', 'true');
  const table = trend.getByRole('table', { name: 'Table: Sales trend' });
  await expect(table.getByRole('row')).toHaveCount(91);

  // Its CSV: BOM, CRLF, a header, numbers as numbers, and the same total as the KPI.
  const csv = await analytics.exportCsv('Sales trend');
  expect(csv.name).toMatch(/^huiyuanbao-sales-trend-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.text).toContain('\r\n');
  const rows = parseCsv(csv.text);
  expect(rows[0]).toEqual(['Date', 'Sales (¥)', 'Tickets', 'Member sales (¥)', 'Previous period sales (¥)']);
  expect(rows).toHaveLength(91);
  const totalFen = rows.slice(1).reduce((sum, r) => sum + Math.round(Number(r[1]) * 100), 0);
  expect(totalFen).toBe(d90.salesFen);
  expect(rows.slice(1).reduce((sum, r) => sum + Number(r[2]), 0)).toBe(d90.tickets);

  // Purchase behaviour: rankings, frequency, day of month, weekday × hour.
  await analytics.tab('Purchase behaviour').click();
  await expect(analytics.card('Top categories').getByRole('img', { name: /Top categories: bar chart/ })).toBeVisible();
  await expect(analytics.card('Top brands')).toBeVisible();
  await expect(analytics.card('Purchase frequency')).toBeVisible();
  const heat = analytics.card('Weekday × hour').getByRole('table');
  await expect(heat.getByRole('row')).toHaveCount(8);
  await page.getByRole('radio', { name: 'Tickets' }).check();
  const categories = await analytics.exportCsv('Top categories');
  const categoryRows = parseCsv(categories.text);
  expect(categoryRows[0]?.slice(0, 4)).toEqual(['Category', 'Sales (¥)', 'Share (%)', 'Tickets']);
  const catFen = categoryRows.slice(1).reduce((sum, r) => sum + Math.round(Number(r[1]) * 100), 0);
  expect(catFen).toBe(d90.salesFen); // the period is still the last 90 days

  // Member value: every member who has bought is in exactly one class.
  await analytics.tab('Member value').click();
  await expect(page.getByText('A snapshot as of today')).toBeVisible();
  const scored = Number((await page.getByText(/members scored/).textContent())?.match(/([\d,]+) members scored/)?.[1]?.replace(/,/g, ''));
  let sum = 0;
  for (const cls of ['highValue', 'potential', 'needsAttention', 'atRisk', 'lost'])
    sum += Number((await page.getByTestId(`rfm-count-${cls}`).textContent())?.replace(/,/g, ''));
  expect(sum).toBe(scored);
  expect(scored).toBeGreaterThan(0);
  expect(scored).toBeLessThanOrEqual(d30.members);
  await page.getByRole('button', { name: /^Lost/ }).click();
  await expect(page.getByRole('heading', { name: 'Members: Lost' })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export every member of this class (CSV)' }).click();
  const lostFile = await downloading;
  expect(lostFile.suggestedFilename()).toMatch(/^huiyuanbao-rfm-lost-/);
  const lost = parseCsv(readFileSync(await lostFile.path(), 'utf8'));
  expect(lost[0]?.slice(0, 3)).toEqual(['Member', 'Mobile', 'Class']);
  const lostCount = Number((await page.getByTestId('rfm-count-lost').textContent())?.replace(/,/g, ''));
  expect(lost).toHaveLength(lostCount + 1);
  expect(lost.slice(1).every((r) => r[2] === 'Lost' && /^1\d{10}$/.test(r[1] ?? ''))).toBe(true);

  // Churn: the list explains itself in words.
  await analytics.tab('Churn').click();
  await expect(page.getByRole('heading', { name: 'Members to contact' })).toBeVisible();
  await expect(analytics.card('Churn rate by month')).toBeVisible();
  await page.getByLabel('Long without a purchase after').selectOption({ label: '60 days' });
  await expect(analytics.card('Churn rate by month')).toContainText('Members reaching 60 days without a purchase');

  // Programme health: points outstanding are the members' balances.
  await analytics.tab('Programme health').click();
  await expect(analytics.kpi('health-points')).toHaveText(d30.points.toLocaleString('en-US'));
  await expect(analytics.kpi('health-liability')).toHaveText(yuan(d30.points));
  await expect(analytics.card('Tier distribution')).toBeVisible();
  await expect(analytics.card('Assistant performance')).toBeVisible();
  // From the ledgers: the demo shop earns points with a 12-month expiry, and has tier upgrades.
  await expect(analytics.kpi('health-expiring')).toHaveText(/^\d[\d,]*$/);
  await expect(analytics.card('Tier movement')).toContainText(/\d+ upgrades and \d+ downgrades in the period/);

  // Her favourite brand on the member page is the brand she paid most for, net of returns.
  const { id, brand } = await page.evaluate(async () => {
    const dbh = await new Promise<IDBDatabase>((res) => {
      const open = indexedDB.open('huiyuanbao');
      open.onsuccess = () => res(open.result);
    });
    const get = <T,>(req: IDBRequest<T>) => new Promise<T>((res) => (req.onsuccess = () => res(req.result)));
    const tx = dbh.transaction(['members', 'sales']);
    const cursor = await get(tx.objectStore('members').index('lastPurchaseAt').openCursor(null, 'prev'));
    const memberId = (cursor?.value as { id: string }).id;
    const sales = (await get(tx.objectStore('sales').getAll())) as { memberId: string | null; lines: { brand: string; paidFen: number }[] }[];
    const byBrand = new Map<string, number>();
    for (const s of sales.filter((x) => x.memberId === memberId))
      for (const l of s.lines) if (l.brand) byBrand.set(l.brand, (byBrand.get(l.brand) ?? 0) + l.paidFen);
    const top = [...byBrand.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    return { id: memberId, brand: top[0] };
  });
  await page.goto(`/#/members/${id}`);
  const brands = page.getByRole('region', { name: 'Favourites' }).getByRole('list', { name: 'Brands' });
  await expect(brands.getByRole('listitem').first()).toContainText(brand);
});
