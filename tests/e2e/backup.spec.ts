import { expect, test } from '@playwright/test';
import { App } from './pages/app';
import { BackupPage } from './pages/backup';

const EMPTY_MEMBERS = 'No members yet. Register the first one, or load the demo shop in Settings.';

/** Ring up ¥2,500 for the member whose page is open (Regular tier: pays ¥2,375, earns 2,375 points). */
async function sellTo(app: App) {
  const { page } = app;
  await page.getByRole('link', { name: 'New sale' }).click();
  await page.getByLabel('Amount (¥)').fill('2500');
  await page.getByRole('button', { name: 'Add amount' }).click();
  await page.getByRole('button', { name: /Confirm sale/ }).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
}

async function memberCount(app: App) {
  await app.nav('Members').click();
  return app.page.getByText(/^[\d,]+ members$/);
}

test('back up, start empty, restore: the same members, points and integrity', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new App(page);
  const backup = new BackupPage(page, app);
  await app.open('/');

  // A demo shop (300 members) plus one member we know.
  await backup.open();
  await page.getByRole('button', { name: 'Load demo shop' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText(/Demo shop loaded/)).toBeVisible({ timeout: 60_000 });
  await app.registerMember({ name: 'Wang Fang', phone: '138 0013 8000' });
  await expect(page.getByRole('heading', { level: 1, name: /Wang Fang/ })).toBeVisible();
  await sellTo(app);
  await expect(await memberCount(app)).toHaveText('301 members');

  // Back up: a .zip named after the store and the time.
  await backup.open();
  await expect(backup.section().getByText('No backup has been made on this device yet.')).toBeVisible();
  const file = await backup.backUp();
  expect(file.name).toMatch(/^会员宝-backup-.+-\d{8}-\d{4}\.zip$/);
  expect(file.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  await expect(backup.section().getByTestId('last-backup')).toContainText('Last backup:');

  // Wipe, then restore into the empty shop.
  await backup.startEmpty();
  await app.nav('Members').click();
  await expect(page.getByText(EMPTY_MEMBERS)).toBeVisible();
  await backup.open();
  await backup.chooseFile(file.name, file.bytes);
  await expect(backup.section().getByText('The file checked out: it can be restored.')).toBeVisible({
    timeout: 60_000,
  });
  const members = backup.section().getByRole('row', { name: /^Members/ });
  await expect(members.getByRole('cell').nth(0)).toHaveText('301');
  await expect(members.getByRole('cell').nth(1)).toHaveText('0');
  await backup.confirmRestore();

  // The same data: 301 members, and hers with her points.
  await expect(await memberCount(app)).toHaveText('301 members');
  const results = await app.searchMembers('13800138000');
  await results.getByRole('link', { name: /Wang Fang/ }).click();
  await expect(page.getByTestId('points-balance')).toHaveText('2,375');
  await backup.open();
  await page.getByRole('button', { name: 'Check data integrity' }).click();
  await expect(page.getByText('301 members checked, no drift')).toBeVisible();

  // A backup of the restored shop has the same tables, row for row (the manifest's counts and checksums) —
  // but `settings`, where the app's start-up jobs note when they last ran (the restore reloads the page),
  // and the audit log, which has gained the restore and this second backup.
  const again = await backup.backUp();
  const { unzipSync } = await import('fflate');
  const tables = (zip: Buffer) =>
    (
      JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(zip))['manifest.json'])) as {
        tables: { table: string; rows: number; sha256: string }[];
      }
    ).tables;
  const kept = (list: { table: string }[]) => list.filter((t) => t.table !== 'settings' && t.table !== 'auditLog');
  expect(kept(tables(again.bytes))).toEqual(kept(tables(file.bytes)));
  const auditRows = (zip: Buffer) => tables(zip).find((t) => t.table === 'auditLog')?.rows ?? 0;
  expect(auditRows(again.bytes)).toBe(auditRows(file.bytes) + 2);
});

test('a bad file is refused with a clear message and the data stays as it was', async ({ page }) => {
  const app = new App(page);
  const backup = new BackupPage(page, app);
  await app.open('/');
  await app.registerMember({ name: 'Li Na', phone: '139 1234 5678' });
  await expect(page.getByRole('heading', { level: 1, name: /Li Na/ })).toBeVisible();
  await backup.open();
  const good = await backup.backUp();

  await backup.chooseFile('members.csv', Buffer.from('姓名,手机\n王芳,13800138000\n'));
  const alert = backup.section().getByRole('alert');
  await expect(alert).toContainText('This file cannot be restored; the current data was not changed:');
  await expect(alert).toContainText('members.csv: not a 会员宝 backup (not a .zip file)');

  await backup.chooseFile('half.zip', good.bytes.subarray(0, Math.floor(good.bytes.length / 2)));
  await expect(alert).toContainText('half.zip: the file is incomplete or damaged');

  await app.registerMember({ name: 'Zhao Min', phone: '137 0000 1111' });
  await expect(await memberCount(app)).toHaveText('2 members');
  // The original backup restores fine and really replaces: one member again.
  await backup.open();
  await backup.chooseFile(good.name, good.bytes);
  await expect(backup.section().getByText('The file checked out: it can be restored.')).toBeVisible();
  await backup.section().getByRole('button', { name: 'Cancel' }).click();
  await expect(await memberCount(app)).toHaveText('2 members');
});

test('an encrypted backup needs its passphrase: a wrong one is refused, the right one restores', async ({
  page,
}) => {
  const app = new App(page);
  const backup = new BackupPage(page, app);
  await app.open('/');
  await app.registerMember({ name: 'Chen Jing', phone: '136 5555 6666' });
  await expect(page.getByRole('heading', { level: 1, name: /Chen Jing/ })).toBeVisible();
  await backup.open();
  const file = await backup.backUp('correct horse battery');
  expect(file.name).toMatch(/\.zip\.enc$/);
  await backup.startEmpty();

  await backup.chooseFile(file.name, file.bytes);
  const s = backup.section();
  await s.getByLabel('This backup is encrypted: enter its passphrase').fill('wrong horse');
  await s.getByRole('button', { name: 'Decrypt and check' }).click();
  await expect(s.getByText('Wrong passphrase (or the encrypted file was altered)')).toBeVisible();
  await s.getByLabel('This backup is encrypted: enter its passphrase').fill('correct horse battery');
  await s.getByRole('button', { name: 'Decrypt and check' }).click();
  await expect(s.getByText('(encrypted)')).toBeVisible();
  await backup.confirmRestore();
  const results = await app.searchMembers('13655556666');
  await expect(results.getByRole('link', { name: /Chen Jing/ })).toBeVisible();
});
