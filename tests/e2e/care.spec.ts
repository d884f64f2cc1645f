import { expect, test } from '@playwright/test';
import { App, isoDaysFromToday, readStore } from './pages/app';

test('work through today’s care list: a birthday with its message, copy it, see it leave the list, log the outcome', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new App(page);
  await app.open('/');

  // Two members with a birthday in 3 days: one agrees to WeChat messages, one opted out of marketing.
  const birthday = `1992-${isoDaysFromToday(3).slice(5)}`;
  for (const m of [
    { name: 'Wang Fang', phone: '13800138001', wechat: true },
    { name: 'Li Jing', phone: '13800138002', wechat: false },
  ]) {
    await app.nav('Members').click();
    await page.getByRole('link', { name: 'New member' }).first().click();
    await page.getByLabel('Name *').fill(m.name);
    await page.getByLabel('Mobile *').fill(m.phone);
    await page.getByLabel('Birthday').fill(birthday);
    if (m.wechat) await page.getByRole('checkbox', { name: 'WeChat' }).check();
    await page.getByRole('button', { name: 'Register member' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(m.name) })).toBeVisible();
  }

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Care' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today’s care' })).toBeVisible();
  const entries = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: /^Open / }) });
  await expect(entries).toHaveCount(1);
  const fang = entries.filter({ hasText: 'Wang Fang' });
  await expect(fang.getByText('Birthday', { exact: true })).toBeVisible();
  const message = fang.getByLabel('Message');
  await expect(message).toHaveText(/^Happy birthday, Wang Fang! A surprise waits for you at .+ this month\.$/);

  // Copy the message for WeChat: it is on the clipboard, the entry leaves the list and is logged.
  const text = await message.textContent();
  await fang.getByRole('button', { name: 'Copy message' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
  await expect(entries).toHaveCount(0);
  await expect(page.getByText('Nobody to contact today.')).toBeVisible();
  const log = page.getByRole('region', { name: 'Contact log' });
  await expect(log.getByRole('row').filter({ hasText: 'Wang Fang' })).toContainText('Contacted · WeChat (copied)');

  // She replied: the outcome is kept.
  await log.getByLabel('Outcome of the contact with Wang Fang').selectOption({ label: 'Replied' });
  // Written before the reload (a reload can abort an IndexedDB write still in flight).
  await expect
    .poll(async () => (await readStore<{ outcome: string | null }>(page, 'contacts')).map((c) => c.outcome))
    .toEqual(['replied']);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Contact log' }).getByLabel('Outcome of the contact with Wang Fang')).toHaveValue('replied');
  // The cooldown keeps her off today's list after a reload too.
  await expect(page.getByText('Nobody to contact today.')).toBeVisible();
});

test('the care rules decide who is listed: birthdays 2 days ahead leave out a birthday in 5 days', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  await app.nav('Members').click();
  await page.getByRole('link', { name: 'New member' }).first().click();
  await page.getByLabel('Name *').fill('Zhao Min');
  await page.getByLabel('Mobile *').fill('13800138003');
  // 5 days on (the test's clock and the browser's time zone may differ by a day).
  await page.getByLabel('Birthday').fill(`1990-${isoDaysFromToday(5).slice(5)}`);
  await page.getByRole('checkbox', { name: 'SMS' }).check();
  await page.getByRole('button', { name: 'Register member' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Zhao Min/ })).toBeVisible();

  const care = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Care' });
  await care.click();
  const entry = page.getByRole('listitem').filter({ hasText: 'Zhao Min' });
  await expect(entry.getByRole('link', { name: 'SMS' })).toHaveAttribute('href', /^sms:13800138003\?body=Happy%20birthday%2C%20Zhao%20Min/);
  await expect(entry.getByRole('button', { name: 'Copy message' })).toHaveCount(0); // no WeChat consent

  await app.nav('Settings').click();
  const rules = page.getByRole('region', { name: 'Care rules' });
  await rules.getByLabel('Birthdays: days ahead').fill('2');
  await rules.getByLabel('Formula stage ends (months)').fill('12, 6');
  await rules.getByRole('button', { name: 'Save care rules' }).click();
  await expect(rules.getByLabel('Formula stage ends (months)')).toHaveAttribute('aria-invalid', 'true');
  await rules.getByLabel('Formula stage ends (months)').fill('6, 12, 36');
  await rules.getByRole('button', { name: 'Save care rules' }).click();
  await expect(rules.getByRole('status')).toHaveText('Saved.');

  await care.click();
  await expect(page.getByText('Nobody to contact today.')).toBeVisible();
});

test('the shop writes its own birthday message: a typo is caught, the preview fills in, the care list uses it', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  await app.nav('Members').click();
  await page.getByRole('link', { name: 'New member' }).first().click();
  await page.getByLabel('Name *').fill('Sun Li');
  await page.getByLabel('Mobile *').fill('13800138004');
  await page.getByLabel('Birthday').fill(`1991-${isoDaysFromToday(3).slice(5)}`);
  await page.getByRole('checkbox', { name: 'SMS' }).check();
  await page.getByRole('button', { name: 'Register member' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Sun Li/ })).toBeVisible();

  await app.nav('Settings').click();
  const templates = page.getByRole('region', { name: 'Message templates' });
  await templates.getByLabel('Reason').selectOption({ label: 'Birthday' });
  const english = templates.getByRole('textbox', { name: 'English wording' });
  await expect(english).toHaveAttribute('placeholder', /^Happy birthday, \{name\}!/);
  // A misspelt placeholder and one a birthday cannot fill are both named; nothing is saved.
  await english.fill('Dear {nmae}, {points} points and a cake wait at {store}!');
  await templates.getByRole('button', { name: 'Save templates' }).click();
  await expect(english).toHaveAttribute('aria-invalid', 'true');
  await expect(templates.getByText('There is no placeholder {nmae} — check the spelling.')).toBeVisible();
  await expect(templates.getByText('This reason cannot fill in {points}; it would be blank in the message.')).toBeVisible();
  await english.fill('Dear {name}, a birthday cake waits for you at {store}!');
  await expect(templates.getByRole('group', { name: 'Preview of the English wording' })).toContainText('Dear Wang Fang, a birthday cake waits for you at');
  await templates.getByRole('button', { name: 'Save templates' }).click();
  await expect(templates.getByRole('status')).toHaveText('Templates saved.');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Care' }).click();
  const entry = page.getByRole('listitem').filter({ hasText: 'Sun Li' });
  await expect(entry.getByLabel('Message')).toHaveText(/^Dear Sun Li, a birthday cake waits for you at .+!$/);

  // Back to the built-in wording.
  await app.nav('Settings').click();
  await templates.getByLabel('Reason').selectOption({ label: 'Birthday' });
  await templates.getByRole('button', { name: 'Use the built-in English wording' }).click();
  await expect(english).toHaveValue('');
  await templates.getByRole('button', { name: 'Save templates' }).click();
  await expect(templates.getByRole('status')).toHaveText('Templates saved.');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Care' }).click();
  await expect(entry.getByLabel('Message')).toHaveText(/^Happy birthday, Sun Li!/);
});
