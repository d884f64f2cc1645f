import { expect, test } from '@playwright/test';
import { App } from './pages/app';

test('build a segment with a live count and why each member matches, save it, and issue it a coupon', async ({ page }) => {
  const app = new App(page);
  await app.open('/');

  await app.nav('Settings').click();
  await page.getByRole('button', { name: 'Add coupon template' }).click();
  await page.getByLabel('Coupon name').fill('Winback ¥15');
  await page.getByLabel('Amount off (¥)').fill('15');
  await page.getByLabel('Minimum spend (¥)').fill('50');
  await page.getByLabel('Valid for (days)').fill('30');
  await page.getByRole('button', { name: 'Save coupon template' }).click();
  await expect(page.getByText('Saved coupon template “Winback ¥15”')).toBeVisible();

  for (const [name, phone, tags] of [
    ['Wang Fang', '13800138001', 'second child, formula'],
    ['Li Jing', '13800138002', 'formula'],
    ['Zhao Min', '13800138003', ''],
  ] as const) {
    await app.nav('Members').click();
    await page.getByRole('link', { name: 'New member' }).first().click();
    await page.getByLabel('Name *').fill(name);
    await page.getByLabel('Mobile *').fill(phone);
    await page.getByLabel('Tags').fill(tags);
    await page.getByRole('button', { name: 'Register member' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
  }

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Care' }).click();
  await page.getByRole('navigation', { name: 'Care and segments' }).getByRole('link', { name: 'Segments' }).click();
  const count = page.getByTestId('segment-count');
  await expect(count).toHaveText('3 members match');

  await page.getByLabel('Tags (any of)').fill('formula');
  await expect(count).toHaveText('2 members match');
  const matches = page.getByRole('list', { name: 'Matching members' });
  await expect(matches.getByRole('listitem')).toHaveCount(2);
  await expect(matches.getByRole('listitem').filter({ hasText: 'Wang Fang' })).toContainText('formula');

  // A range the other way round is named, and counts nothing until it is fixed.
  await page.getByLabel('Points from').fill('100');
  await page.getByLabel('Points to').fill('10');
  await expect(page.getByText('Whole numbers, with the first not above the second')).toBeVisible();
  await page.getByLabel('Points from').fill('');
  await page.getByLabel('Points to').fill('');
  await expect(count).toHaveText('2 members match');

  await page.getByLabel('Segment name').fill('Formula mums');
  await page.getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved “Formula mums”.');

  // Reload: the saved segment brings its criteria back.
  await page.reload();
  await page.getByRole('button', { name: 'Formula mums', exact: true }).click();
  await expect(page.getByLabel('Tags (any of)')).toHaveValue('formula');
  await expect(count).toHaveText('2 members match');

  await page.getByLabel('Coupon to issue').selectOption({ label: 'Winback ¥15' });
  await page.getByRole('button', { name: 'Issue to 2 members' }).click();
  await page.getByRole('group').getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status')).toHaveText('2 coupons issued.');

  // Each of them has the coupon on her page; the third does not.
  await matches.getByRole('link', { name: 'Li Jing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Li Jing/ })).toBeVisible();
  await expect(page.getByText('No coupons available')).toHaveCount(0);
  await expect(page.getByText('Winback ¥15').first()).toBeVisible();
  const zhao = await app.searchMembers('8003');
  await zhao.getByRole('link', { name: /Zhao Min/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Zhao Min/ })).toBeVisible();
  await expect(page.getByText('No coupons available')).toBeVisible();
});

test('a campaign aimed at a saved segment holds some out, and its effect page compares the two groups', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  for (let i = 0; i < 10; i++) {
    await app.nav('Members').click();
    await page.getByRole('link', { name: 'New member' }).first().click();
    await page.getByLabel('Name *').fill(`Member ${i}`);
    await page.getByLabel('Mobile *').fill(`1380013810${i}`);
    await page.getByRole('button', { name: 'Register member' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Member ${i}`) })).toBeVisible();
  }
  await page.goto('/#/segments');
  await expect(page.getByTestId('segment-count')).toHaveText('10 members match');
  await page.getByLabel('Segment name').fill('Everyone');
  await page.getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved “Everyone”.');

  await app.nav('Settings').click();
  await page.getByRole('button', { name: 'Add campaign' }).click();
  await page.getByLabel('Campaign name').fill('Double points week');
  await page.getByLabel('Target segment').selectOption({ label: 'Everyone' });
  await page.getByLabel('Hold-out share (%)').fill('20');
  await page.getByLabel('Campaign cost (¥)').fill('100');
  await page.getByRole('button', { name: 'Save campaign' }).click();
  await expect(page.getByText('Saved campaign “Double points week”')).toBeVisible();
  await expect(page.getByText('Target: Everyone — 8 reached, 2 held out (fixed)')).toBeVisible();

  await page.goto('/#/analytics/campaigns');
  await expect(page.getByRole('combobox', { name: 'Campaign' })).toHaveValue(/.+/);
  await expect(page.getByTestId('campaign-participation')).toContainText('0%');
  await page.getByRole('button', { name: 'Show table' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Reached' })).toContainText('8');
  await expect(page.getByRole('row').filter({ hasText: 'Hold-out (not contacted)' })).toContainText('2');
});
