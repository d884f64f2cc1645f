import { expect, test, type Page } from '@playwright/test';
import { App } from './pages/app';

// A till system's exports: products (UTF-8 with BOM), then its sales lines (semicolons, one row per item).
const PRODUCTS =
  '\uFEFF' +
  [
    '商品条码,品名,品牌,分类,零售价,段数',
    '6901,飞鹤星飞帆 1段,飞鹤,奶粉,298.00,1',
    '6902,湿巾 80抽,,日用,12.90,',
    '69 03,坏条码,,,,',
  ].join('\r\n') +
  '\r\n';
const SALES =
  [
    '单号;销售时间;会员手机;商品条码;数量;实收金额;支付方式',
    '00123;2026-01-10 10:00;13800138000;6901;2;596.00;微信',
    '00123;2026-01-10 10:00;13800138000;6902;1;12.90;微信',
    '00124;2026-02-20 16:30;13800138000;6901;1;298.00;现金',
    '00125;2026-02-21 09:00;13999999999;6902;1;12.90;现金',
  ].join('\r\n') + '\r\n';

async function chooseFile(page: Page, kind: 'Products' | 'Past sales', name: string, text: string) {
  await page.getByRole('radio', { name: kind }).check();
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

test('import products by SKU, then past sales by order number: her spend and visits count them, once', async ({
  page,
}) => {
  const app = new App(page);
  await app.open('/');
  await app.registerMember({ name: '王芳', phone: '13800138000' });
  await expect(page.getByRole('heading', { level: 1, name: '王芳' })).toBeVisible();

  await app.nav('Settings').click();
  await page.getByRole('link', { name: 'Import from another system (CSV)' }).click();
  await chooseFile(page, 'Products', '商品.csv', PRODUCTS);
  await expect(page.getByTestId('import-rows')).toHaveText('3 data rows');
  await expect(page.getByLabel('Column “商品条码” imports as')).toHaveValue('sku');
  await expect(page.getByLabel('Column “零售价” imports as')).toHaveValue('price');
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByTestId('import-new')).toContainText('2');
  await expect(page.getByTestId('import-invalid')).toContainText('1');
  const errors = page.getByRole('table', { name: 'Rows with problems' });
  await expect(errors.getByRole('row').nth(1)).toContainText('letters, digits and . - _ only');
  const preview = page.getByRole('table', { name: 'The first rows as they will be stored' });
  await expect(preview.getByRole('row', { name: /飞鹤星飞帆/ })).toContainText('¥298.00');
  await page.getByRole('button', { name: 'Import 2 products' }).click();
  await expect(page.getByText('Imported: 2 new products, 0 updated.')).toBeVisible();

  await page.goto('/#/import');
  await chooseFile(page, 'Past sales', '销售.csv', SALES);
  await expect(page.getByLabel('Separator')).toHaveValue(';');
  await expect(page.getByLabel('Column “单号” imports as')).toHaveValue('externalId');
  await expect(page.getByLabel('Column “实收金额” imports as')).toHaveValue('lineAmount');
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByTestId('import-new')).toContainText('2');
  await expect(page.getByTestId('import-invalid')).toContainText('1');
  await expect(errors.getByRole('row').nth(1)).toContainText('no member has this mobile number');
  await expect(preview.getByRole('row', { name: /00123/ })).toContainText('¥608.90');
  await page.getByRole('button', { name: 'Import 2 sales' }).click();
  await expect(page.getByText('Imported: 2 sales.')).toBeVisible();

  const results = await app.searchMembers('13800138000');
  await results.getByRole('link', { name: /王芳/ }).click();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('¥906.90');
  await expect(summary.getByText('Visits').locator('..')).toContainText('2');
  await expect(page.getByTestId('points-balance')).toHaveText('0');

  // The same file again: both sales are found by their order numbers.
  await page.goto('/#/import');
  await chooseFile(page, 'Past sales', '销售.csv', SALES);
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByTestId('import-unchanged')).toContainText('2');
  await expect(page.getByText('Nothing to import or update.')).toBeVisible();
});
