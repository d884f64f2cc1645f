import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { encodeGbk } from '../fixtures/gbk';
import { App } from './pages/app';

// As Excel on Chinese Windows saves "CSV": GBK, commas, CRLF; rows 4 and 5 (as Excel numbers them) are bad.
const CSV =
  [
    '会员姓名,手机号码,性别,生日,当前积分,储值余额,备注',
    '王芳,13800138000,女,1990/5/3,1200,500.00,周末常来',
    '李娜,139 1234 5678,女,1988-12-31,0,,"喜欢""促销"",住得近"',
    '坏手机,12345,女,,,,',
    '赵敏,13700001111,男,2026-02-30,,,',
    '陈静,13655556666,,,300,,',
  ].join('\r\n') + '\r\n';

test('import a GBK members CSV through the mapping screen: two bad rows reported, the rest imported once', async ({
  page,
}) => {
  const app = new App(page);
  await app.open('/');
  await app.nav('Settings').click();
  await page.getByRole('link', { name: 'Import from another system (CSV)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import from another system' })).toBeVisible();

  const file = { name: '会员导出.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeGbk(CSV)) };
  await page.getByLabel('CSV file').setInputFiles(file);
  await expect(page.getByTestId('import-rows')).toHaveText('5 data rows');
  await expect(page.getByLabel('Text encoding')).toHaveValue('gb18030');
  await expect(page.getByLabel('Separator')).toHaveValue(',');
  // Guessed from the Chinese headers; 性别 is chosen by hand here.
  await expect(page.getByLabel('Column “会员姓名” imports as')).toHaveValue('name');
  await expect(page.getByLabel('Column “手机号码” imports as')).toHaveValue('phone');
  await expect(page.getByLabel('Column “当前积分” imports as')).toHaveValue('points');
  await expect(page.getByLabel('Column “储值余额” imports as')).toHaveValue('storedValue');
  await page.getByLabel('Column “性别” imports as').selectOption('gender');

  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByTestId('import-new')).toContainText('3');
  await expect(page.getByTestId('import-invalid')).toContainText('2');
  const errors = page.getByRole('table', { name: 'Rows with problems' });
  await expect(errors.getByRole('row')).toHaveCount(3);
  await expect(errors.getByRole('row').nth(1)).toContainText('4');
  await expect(errors.getByRole('row').nth(1)).toContainText('not an 11-digit mobile number');
  await expect(errors.getByRole('row').nth(2)).toContainText('5');
  await expect(errors.getByRole('row').nth(2)).toContainText('no such date');
  const preview = page.getByRole('table', { name: 'The first rows as they will be stored' });
  await expect(preview.getByRole('row', { name: /王芳/ })).toContainText('¥500.00');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the error report (CSV)' }).click();
  const report = readFileSync(await (await downloading).path(), 'utf8');
  expect(report.startsWith('\uFEFF')).toBe(true);
  expect(report).toContain('\r\n4,手机号码,12345,not an 11-digit mobile number\r\n');
  expect(report).toContain('\r\n5,生日,2026-02-30,no such date\r\n');

  await page.getByRole('button', { name: 'Import 3 members' }).click();
  await expect(page.getByText('Imported: 3 new members, 0 updated.')).toBeVisible();
  await page.getByRole('link', { name: 'View members' }).click();
  await expect(page.getByText('3 members')).toBeVisible();
  const results = await app.searchMembers('13800138000');
  await results.getByRole('link', { name: /王芳/ }).click();
  await expect(page.getByTestId('points-balance')).toHaveText('1,200');

  // The same file again: the mapping is remembered and nothing changes.
  await page.goto('/#/import');
  await page.getByLabel('CSV file').setInputFiles(file);
  await expect(page.getByLabel('Column “性别” imports as')).toHaveValue('gender');
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByTestId('import-unchanged')).toContainText('3');
  await expect(page.getByText('Nothing to import or update.')).toBeVisible();
});
