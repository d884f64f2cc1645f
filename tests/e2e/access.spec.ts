import { expect, test, type Page } from '@playwright/test';
import { App, OWNER_NAME, OWNER_PIN } from './pages/app';
import { BackupPage } from './pages/backup';

const ASSISTANT = { name: 'Wang', pin: '135790' };

/** Every URL the page asks for, and every CSP violation it reports. */
function watchRequests(page: Page) {
  const urls: string[] = [];
  const violations: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return { urls, violations };
}

async function addAssistant(app: App) {
  const { page } = app;
  await app.nav('Settings').click();
  const staff = page.getByRole('region', { name: 'Staff and PINs' });
  await staff.getByRole('button', { name: 'Add assistant' }).click();
  await staff.getByRole('textbox', { name: 'Assistant’s name' }).fill(ASSISTANT.name);
  await staff.getByLabel('PIN', { exact: true }).fill(ASSISTANT.pin);
  await staff.getByLabel('Repeat the PIN').fill(ASSISTANT.pin);
  await staff.getByRole('button', { name: 'Add assistant' }).click();
  await expect(staff.getByRole('status')).toHaveText(`${ASSISTANT.name} added.`);
  await expect(staff.getByRole('list', { name: 'Staff' }).getByRole('listitem')).toHaveCount(2);
}

test('owner and assistant: the assistant rings up and registers but cannot reach export or settings; phones are masked and a reveal is logged', async ({
  page,
}) => {
  const seen = watchRequests(page);
  const app = new App(page);

  // First start: the owner PIN is asked before anything else.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Set the owner PIN' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Owner’s name' }).fill(OWNER_NAME);
  await page.getByLabel('PIN', { exact: true }).fill('12345');
  await page.getByLabel('Repeat the PIN').fill('12345');
  await page.getByRole('button', { name: 'Set PIN and start' }).click();
  await expect(page.getByRole('alert')).toHaveText('The PIN must be 6 digits, or a passphrase of 8 characters or more.');
  await app.signIn();

  await addAssistant(app);
  await app.registerMember({ name: 'Zhou Min', phone: '13812345678' });
  await expect(page.getByRole('heading', { level: 1, name: /Zhou Min/ })).toBeVisible();
  const memberUrl = page.url();

  // Lock: the lock screen shows no shop data; a wrong PIN is refused.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await expect(page.getByText('Zhou Min').filter({ visible: true })).toHaveCount(0);
  await app.unlock(ASSISTANT.name, '000000');
  await expect(page.getByRole('alert')).toHaveText('Wrong PIN.');
  await app.unlock(ASSISTANT.name, ASSISTANT.pin);

  // The assistant's tablet: no Settings or Analytics, and typing their address is refused.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Checkout' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Analytics' })).toHaveCount(0);
  for (const path of ['/#/settings', '/#/import', '/#/analytics', '/#/audit']) {
    await page.goto(path);
    await expect(page.getByRole('alert')).toHaveText('Only the owner can open this page. Ask the owner to unlock first.');
    await expect(page.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
  }

  // She finds the member by the last four digits: the number is masked in the list and on her page…
  const results = await app.searchMembers('5678');
  await expect(results.getByText('138****5678')).toBeVisible();
  await expect(results.getByText('13812345678')).toHaveCount(0);
  await page.goto(memberUrl);
  await expect(page.getByText('138****5678')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Erase this member’s personal data…' })).toHaveCount(0);
  // …until she taps to see it, which is written down.
  await page.getByRole('button', { name: 'Show full number' }).click();
  await expect(page.getByText('13812345678')).toBeVisible();
  // She can still sell and register.
  await app.registerMember({ name: 'Sun Li', phone: '13900001111' });
  await expect(page.getByRole('heading', { level: 1, name: /Sun Li/ })).toBeVisible();

  // The owner again: full numbers, Settings, backup, and the audit log naming the assistant.
  await page.getByRole('button', { name: 'Lock' }).click();
  await app.unlock(OWNER_NAME, OWNER_PIN);
  const list = await app.searchMembers('5678');
  await expect(list.getByText('13812345678')).toBeVisible();
  await app.nav('Settings').click();
  await expect(page.getByRole('button', { name: 'Back up now' })).toBeVisible();
  await page.getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByRole('table', { name: 'Audit entries' });
  const reveal = log.getByRole('row').filter({ hasText: 'Full phone shown' });
  await expect(reveal).toHaveCount(1);
  await expect(reveal.getByRole('cell').nth(1)).toHaveText(ASSISTANT.name);
  await expect(reveal.getByRole('link', { name: 'Zhou Min' })).toBeVisible();
  await expect(log.getByRole('row').filter({ hasText: 'Wrong PIN' })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'Staff changed' })).toHaveCount(2);

  // Nothing left the device, and the Content-Security-Policy broke nothing.
  const outside = seen.urls.filter((u) => !/^(http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|blob:|data:)/.test(u));
  expect(outside).toEqual([]);
  expect(seen.urls.length).toBeGreaterThan(5);
  expect(seen.violations).toEqual([]);
});

test('idle for the auto-lock time, the tablet locks itself and shows nothing of the shop', async ({ page }) => {
  await page.clock.install();
  const app = new App(page);
  await app.open('/');
  await app.nav('Settings').click();
  await page.getByRole('region', { name: 'Staff and PINs' }).getByLabel('Lock when idle for').selectOption({ label: '1 minutes' });
  await expect(page.getByRole('region', { name: 'Staff and PINs' }).getByRole('status')).toHaveText('Saved.');
  await app.registerMember({ name: 'Zhou Min', phone: '13812345678' });
  // Half-way through a search when the tablet is left alone.
  const search = await app.searchMembers('Zhou');
  await expect(search.getByRole('link', { name: /Zhou Min/ })).toBeVisible();

  await page.clock.fastForward('00:50');
  await expect(search.getByRole('link', { name: /Zhou Min/ })).toBeVisible();
  await page.clock.fastForward('00:30');
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await expect(page.getByText('Zhou Min').filter({ visible: true })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  // Unlocked again, the work is where it was left.
  await app.unlock(OWNER_NAME, OWNER_PIN);
  await expect(page.getByLabel('Search members')).toHaveValue('Zhou');
  await expect(search.getByRole('link', { name: /Zhou Min/ })).toBeVisible();

  // Locked again, a reload does not get round it.
  await page.clock.fastForward('01:10');
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await app.unlock(OWNER_NAME, OWNER_PIN);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('erasure on request: confirmed with the owner PIN, her personal data gone, her sale still counted', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  await app.registerMember({ name: 'Zhou Min', phone: '13812345678', baby: { nickname: 'Doudou', birthDate: '2025-06-10' } });
  await page.getByRole('link', { name: 'New sale' }).click();
  await page.getByLabel('Amount (¥)').fill('100');
  await page.getByRole('button', { name: 'Add amount' }).click();
  await page.getByRole('button', { name: /Confirm sale/ }).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  await (await app.searchMembers('5678')).getByRole('link', { name: /Zhou Min/ }).click();

  const erase = page.getByRole('region', { name: 'Erase personal data' });
  await erase.getByRole('button', { name: 'Erase this member’s personal data…' }).click();
  await erase.getByLabel('Owner PIN').fill('000000');
  await erase.getByRole('button', { name: 'Erase for good' }).click();
  await expect(erase.getByRole('alert')).toHaveText('Wrong PIN.');
  await expect(page.getByRole('heading', { level: 1, name: /Zhou Min/ })).toBeVisible();
  await erase.getByLabel('Owner PIN').fill(OWNER_PIN);
  await erase.getByRole('button', { name: 'Erase for good' }).click();

  await expect(page.getByRole('heading', { level: 1, name: /Erased member/ })).toBeVisible();
  await expect(page.getByRole('note')).toHaveText(/personal data was erased/);
  await expect(page.getByText('Zhou Min')).toHaveCount(0);
  await expect(page.getByText('Doudou')).toHaveCount(0);
  await expect(page.getByText(/13812345678|138\*\*\*\*5678/)).toHaveCount(0);
  // Her purchase stays on the books, anonymous.
  await expect(page.getByRole('list', { name: 'Purchases and points' }).getByText('¥95.00')).toBeVisible();
  const results = await app.searchMembers('5678');
  await expect(results.getByRole('link')).toHaveCount(0);
});

test('forgot the owner PIN: a backup file restores the shop without its PINs, or everything is wiped', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new App(page);
  const backup = new BackupPage(page, app);
  await app.open('/');
  await app.registerMember({ name: 'Zhou Min', phone: '13812345678' });
  await backup.open();
  const file = await backup.backUp();

  // Locked, PIN forgotten: the backup file is the way back in.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('button', { name: 'Forgot the owner PIN?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot the owner PIN' })).toBeVisible();
  await page.getByLabel('Choose a backup file (.zip or .zip.enc)').setInputFiles({ name: file.name, mimeType: 'application/zip', buffer: file.bytes });
  await expect(page.getByText('The file checked out: it can be restored.')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  // The restored shop kept none of the backup's PINs: a new owner PIN, and her data is there.
  await expect(page.getByRole('heading', { name: 'Set the owner PIN' })).toBeVisible({ timeout: 60_000 });
  await app.signIn('975310');
  await expect((await app.searchMembers('5678')).getByRole('link', { name: /Zhou Min/ })).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('table', { name: 'Audit entries' }).getByText('PINs reset: restored after a forgotten owner PIN')).toBeVisible();

  // The other way: wipe everything, only after typing the word.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('button', { name: 'Forgot the owner PIN?' }).click();
  const wipe = page.getByRole('button', { name: 'Wipe all data' });
  await expect(wipe).toBeDisabled();
  await page.getByRole('textbox', { name: 'Type “WIPE” to confirm' }).fill('WIPE');
  await wipe.click();
  await expect(page.getByRole('heading', { name: 'Set the owner PIN' })).toBeVisible({ timeout: 30_000 });
  await app.signIn();
  await app.nav('Members').click();
  await expect(page.getByText('No members yet. Register the first one, or load the demo shop in Settings.')).toBeVisible();
});
