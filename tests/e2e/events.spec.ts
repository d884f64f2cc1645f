import { expect, test } from '@playwright/test';
import { AnalyticsPage } from './pages/analytics';
import { App, isoDaysFromToday } from './pages/app';

test('run an event with sign-ups, attendance points and scores, then score a visit on the receipt', async ({ page }) => {
  const app = new App(page);
  await app.open('/');
  await app.registerMember({ name: 'Wang Fang', phone: '13800138001' });
  await expect(page.getByRole('heading', { level: 1, name: /Wang Fang/ })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Care' }).click();
  await page.getByRole('navigation', { name: 'Care and segments' }).getByRole('link', { name: 'Events' }).click();
  await page.getByLabel('Event name').fill('Baking morning');
  await page.getByLabel('Date').fill(isoDaysFromToday(0));
  await page.getByLabel(/^Places/).fill('10');
  await page.getByLabel('Points for attending').fill('50');
  await page.getByRole('button', { name: 'Create event' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Baking morning' })).toBeVisible();

  await page.getByLabel('Sign up a member').fill('Wang');
  await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /Wang Fang/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Wang Fang signed up.' })).toBeVisible();
  await expect(page.getByTestId('event-signed-up')).toHaveText('1');

  await page.getByRole('checkbox', { name: 'Wang Fang attended' }).check();
  await expect(page.getByTestId('event-attended')).toHaveText('1');
  await page.getByLabel('Satisfaction of Wang Fang').selectOption('4');
  await expect(page.getByLabel('Satisfaction of Wang Fang')).toHaveValue('4');

  const popUp = page.getByRole('form', { name: 'Pop-up sign-up' });
  await popUp.getByLabel('Name').fill('Li Na');
  await popUp.getByLabel('Mobile').fill('13900139002');
  await popUp.getByRole('button', { name: 'Sign her up' }).click();
  await expect(popUp.getByText('Li Na joined and is counted as attending.')).toBeVisible();
  await expect(page.getByTestId('event-new-members')).toHaveText('1');
  await expect(page.getByTestId('event-attended')).toHaveText('2');

  // Her attendance points and her event score are on her page.
  await (await app.searchMembers('Wang')).getByRole('link', { name: /Wang Fang/ }).click();
  await expect(page.getByTestId('points-balance')).toHaveText('50');
  const timeline = page.getByRole('list', { name: 'Purchases and points' });
  await expect(timeline.getByRole('link', { name: 'Scored an event' })).toBeVisible();
  await expect(timeline.getByLabel('4 out of 5')).toBeVisible();

  // A sale, then her score for the visit on the receipt.
  await page.getByRole('link', { name: 'New sale' }).click();
  await page.getByLabel('Amount (¥)').fill('100');
  await page.getByRole('button', { name: 'Add amount' }).click();
  await page.getByRole('button', { name: /Confirm sale/ }).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  const feedback = page.getByRole('region', { name: 'Customer satisfaction' });
  await expect(feedback.getByRole('button', { name: 'Save score' })).toBeDisabled();
  await feedback.getByRole('button', { name: '2 out of 5' }).click();
  await feedback.getByLabel('Her comment (optional)').fill('Queue was long');
  await feedback.getByRole('button', { name: 'Save score' }).click();
  await expect(feedback.getByLabel('2 out of 5')).toBeVisible();
  await expect(feedback.getByText('Queue was long')).toBeVisible();
  // She changes her mind: one answer per visit.
  await feedback.getByRole('button', { name: 'Change score' }).click();
  await feedback.getByRole('button', { name: '5 out of 5' }).click();
  await feedback.getByRole('button', { name: 'Save score' }).click();
  await expect(feedback.getByLabel('5 out of 5')).toBeVisible();

  // The health tab averages both scores (4 and 5) this month.
  const analytics = new AnalyticsPage(page);
  await analytics.open();
  await analytics.tab('Programme health').click();
  await expect(analytics.kpi('health-mean-score')).toHaveText('4.5');
  await expect(analytics.card('Satisfaction by month')).toBeVisible();
});
