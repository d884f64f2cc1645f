import { expect, test } from '@playwright/test';
import { App, isoDaysFromToday } from './pages/app';

test('register a member with a baby, find her, sell to her, see points and tier; offline reload; language', async ({
  page,
  context,
}) => {
  const app = new App(page);
  await app.open('/');

  // Register: a 3-month-old baby is in the 0–6 months stage.
  await app.registerMember({ name: 'Wang Fang', phone: '138 0013 8000', baby: { nickname: 'Doudou', birthDate: isoDaysFromToday(-95) } });
  await expect(page.getByRole('heading', { level: 1, name: /Wang Fang/ })).toBeVisible();
  const babies = page.getByRole('region', { name: 'Babies' });
  await expect(babies.getByText('Doudou')).toBeVisible();
  await expect(babies.getByText('0–6 months')).toBeVisible();
  await expect(page.getByText('Spend ¥2,000.00 more to reach Silver')).toBeVisible();

  // Find her by the last 4 digits of her phone.
  const results = await app.searchMembers('8000');
  await expect(results.getByRole('link', { name: /Wang Fang/ })).toBeVisible();
  await results.getByRole('link', { name: /Wang Fang/ }).click();
  await page.getByRole('link', { name: 'New sale' }).click();

  // Sell ¥2,500 as a free amount: Regular tier pays 95 % = ¥2,375.00, earns 2,375 points, crosses Silver (¥2,000).
  await expect(page.getByRole('group', { name: 'Selected member' })).toContainText('Wang Fang');
  await page.getByLabel('Amount (¥)').fill('2500');
  await page.getByRole('button', { name: 'Add amount' }).click();
  await expect(page.getByTestId('checkout-total')).toHaveText('¥2,375.00');
  await page.getByRole('radio', { name: 'Alipay' }).check();
  await page.getByRole('button', { name: /Confirm sale/ }).click();

  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  await expect(page.getByTestId('receipt-paid')).toHaveText('¥2,375.00');
  await expect(page.getByTestId('receipt-points-earned')).toHaveText('+2,375');
  await expect(page.getByTestId('receipt-points-balance')).toHaveText('2,375');
  await expect(page.getByTestId('receipt-tier')).toHaveText('Silver');
  await expect(page.getByRole('status').filter({ hasText: 'Upgraded from Regular to Silver' })).toBeVisible();

  // Her page shows the same figures and the sale on her timeline.
  await page.getByRole('link', { name: 'View member' }).click();
  await expect(page.getByTestId('points-balance')).toHaveText('2,375');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Silver');
  await expect(page.getByText('Spend ¥2,625.00 more to reach Gold')).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Purchases and points' });
  await expect(timeline.getByText('¥2,375.00')).toBeVisible();
  await expect(timeline.getByText('+2,375 pts')).toBeVisible();

  // Offline: the service worker serves the app and the data is still there.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  const offlineResults = await app.searchMembers('13800138000');
  await expect(offlineResults.getByRole('link', { name: /Wang Fang/ })).toBeVisible();
  await context.setOffline(false);

  // Switch to Chinese and back; the choice persists across a reload.
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '收银' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: '会员' }).first()).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
  await expect(app.nav('Members')).toBeVisible();
});

test('registration refuses bad input beside the field and a duplicate phone with a link to her', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  await app.registerMember({ name: 'Li Na', phone: '139 1234 5678' });
  await expect(page.getByRole('heading', { level: 1, name: /Li Na/ })).toBeVisible();

  await app.nav('Members').click();
  await page.getByRole('link', { name: 'New member' }).first().click();
  await page.getByRole('button', { name: 'Register member' }).click();
  await expect(page.getByLabel('Name *')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Required').first()).toBeVisible();

  await page.getByLabel('Name *').fill('Li Na Two');
  await page.getByLabel('Mobile *').fill('12345');
  await page.getByRole('button', { name: 'Register member' }).click();
  await expect(page.getByText('Enter an 11-digit mainland China mobile number')).toBeVisible();

  await page.getByLabel('Mobile *').fill('+86 139-1234-5678');
  await page.getByRole('button', { name: 'Add baby' }).click();
  await page.getByLabel('Baby 1 birth date').fill(isoDaysFromToday(10));
  await page.getByRole('button', { name: 'Register member' }).click();
  await expect(page.getByText('A birth date cannot be after today')).toBeVisible();

  await page.getByLabel('Baby 1 not born yet (enter the due date)').check();
  await page.getByRole('button', { name: 'Register member' }).click();
  await expect(page.getByText('This mobile number is already registered to Li Na')).toBeVisible();
  await page.getByRole('link', { name: 'Open Li Na’s page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Li Na/ })).toBeVisible();

  // Nothing was written by the refused attempts: one member in the list.
  await app.nav('Members').click();
  await expect(page.getByText('1 members')).toBeVisible();
});
