import { expect, test, type Page } from '@playwright/test';
import { App } from './pages/app';
import { BackupPage } from './pages/backup';

/** Ring up an amount for the member whose page is open. */
async function sell(page: Page, yuan: string) {
  await page.getByRole('link', { name: 'New sale' }).click();
  await page.getByLabel('Amount (¥)').fill(yuan);
  await page.getByRole('button', { name: 'Add amount' }).click();
  await page.getByRole('button', { name: /Confirm sale/ }).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
}

/**
 * Two devices of one shop, played on one browser: the "other device" is this one before a restore took
 * it back to the common starting point.
 */
test('merge another device’s backup: its sale comes over, and one phone makes one member', async ({ page }) => {
  test.setTimeout(150_000);
  const app = new App(page);
  const backup = new BackupPage(page, app);
  await app.open('/');
  await app.registerMember({ name: 'Zhao Min', phone: '139 0000 0001' });
  await backup.open();
  const common = await backup.backUp();

  // The other device: Li registered with phone …0002 and ¥2,500 sold to her.
  await app.registerMember({ name: 'Li', phone: '139 0000 0002' });
  await sell(page, '2500');
  await backup.open();
  const other = await backup.backUp();

  // This device: back at the common point, the same phone registered as Li Li.
  await backup.chooseFile(common.name, common.bytes);
  await expect(backup.section().getByText('The file checked out: it can be restored.')).toBeVisible({ timeout: 60_000 });
  await backup.confirmRestore();
  await app.registerMember({ name: 'Li Li', phone: '139 0000 0002' });
  await expect(page.getByRole('heading', { level: 1, name: /Li Li/ })).toBeVisible();

  await backup.open();
  const merge = () => backup.section().getByLabel('Choose the other device’s backup file (.zip or .zip.enc)');
  await merge().setInputFiles({ name: other.name, mimeType: 'application/zip', buffer: other.bytes });
  await expect(backup.section().getByText(/^Compared the backup of/)).toBeVisible({ timeout: 60_000 });
  const table = backup.section().getByRole('table', { name: 'What the merge does' });
  const sales = table.getByRole('row', { name: /^Sales/ });
  await expect(sales.getByRole('cell').nth(0)).toHaveText('1');
  const members = table.getByRole('row', { name: /^Members/ });
  await expect(members.getByRole('cell').nth(0)).toHaveText('0');
  await expect(backup.section().getByRole('listitem').filter({ hasText: 'Phone 13900000002 is two members: “Li Li” here and “Li” on the other device.' })).toBeVisible();
  await backup.section().getByRole('button', { name: 'Merge into this device' }).click();
  await backup.section().getByRole('button', { name: 'Confirm' }).click();
  await expect(backup.section().getByText(/^Merge complete: [\d,]+ rows written, [\d,]+ members recounted\.$/)).toBeVisible({ timeout: 60_000 });

  // One member with that phone: Li Li, holding the other device's sale and its points.
  const results = await app.searchMembers('13900000002');
  await expect(results.getByRole('link')).toHaveCount(1);
  await results.getByRole('link', { name: /Li Li/ }).click();
  await expect(page.getByTestId('points-balance')).toHaveText('2,375');
  await backup.open();
  await page.getByRole('button', { name: 'Check data integrity' }).click();
  await expect(page.getByText('2 members checked, no drift')).toBeVisible();

  // The same file again: nothing left to merge.
  await merge().setInputFiles({ name: other.name, mimeType: 'application/zip', buffer: other.bytes });
  await expect(backup.section().getByText('Both devices hold the same data: nothing to merge.')).toBeVisible({ timeout: 60_000 });
});

test('merge a member registered twice into one: her sales and points move over', async ({ page }) => {
  test.setTimeout(90_000);
  const app = new App(page);
  await app.open('/');
  await app.registerMember({ name: 'Chen Jing (old card)', phone: '139 0000 0012' });
  await sell(page, '1000');
  await app.registerMember({ name: 'Chen Jing', phone: '139 0000 0011' });
  await sell(page, '2000');

  // On her page: merge the old card's record in.
  await (await app.searchMembers('13900000011')).getByRole('link', { name: /Chen Jing/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Chen Jing/ })).toBeVisible();
  await page.getByRole('button', { name: 'Choose the record to merge in' }).click();
  await page.getByRole('searchbox', { name: 'Member to merge in' }).fill('0012');
  await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /Chen Jing \(old card\)/ }).click();
  await expect(page.getByText('Merge “Chen Jing (old card)” (139****0012) into “Chen Jing”? This cannot be undone.')).toBeVisible();
  await page.getByRole('group').getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('“Chen Jing (old card)” merged into “Chen Jing”; points and balances recounted.')).toBeVisible();
  // Regular tier: ¥3,000 pays ¥2,850 and earns 2,850 points.
  await expect(page.getByTestId('points-balance')).toHaveText('2,850');

  const gone = await app.searchMembers('13900000012');
  await expect(gone.getByRole('link')).toHaveCount(0);
  await expect(await app.searchMembers('13900000011')).toContainText('Chen Jing');
});
