import { expect, test, type Page } from '@playwright/test';
import { App } from './pages/app';

async function addAmount(page: Page, yuan: string, name: string) {
  await page.getByLabel('Amount (¥)').fill(yuan);
  await page.getByLabel('Description (optional)').fill(name);
  await page.getByRole('button', { name: 'Add amount' }).click();
}

test('a sale paid with points, a coupon and stored value, then a partial return: balances exact', async ({ page }) => {
  const app = new App(page);
  await app.open('/');

  // A ¥20-off coupon template (minimum spend ¥100).
  await app.nav('Settings').click();
  await page.getByRole('button', { name: 'Add coupon template' }).click();
  await page.getByLabel('Coupon name').fill('Spring ¥20');
  await page.getByLabel('Amount off (¥)').fill('20');
  await page.getByLabel('Minimum spend (¥)').fill('100');
  await page.getByLabel('Valid for (days)').fill('30');
  await page.getByRole('button', { name: 'Save coupon template' }).click();
  await expect(page.getByText('Saved coupon template “Spring ¥20”')).toBeVisible();

  // A member who has earned 950 points (¥1,000 at 9.5折).
  await app.registerMember({ name: 'Chen Jing', phone: '13900001111' });
  await page.getByRole('link', { name: 'New sale' }).click();
  await addAmount(page, '1000', 'Stroller');
  await page.getByRole('button', { name: /Confirm sale/ }).click();
  await expect(page.getByTestId('receipt-points-balance')).toHaveText('950');
  await page.getByRole('link', { name: 'View member' }).click();

  // Top up ¥500 (充500送50) and give her the coupon.
  const loyalty = page.getByRole('region', { name: 'Stored value · coupons · points' });
  await loyalty.getByText('Top up', { exact: true }).click();
  await loyalty.getByLabel('Top-up amount (¥)').fill('500');
  await expect(loyalty.getByText('Bonus ¥50.00')).toBeVisible();
  await loyalty.getByRole('button', { name: 'Confirm top-up' }).click();
  await expect(page.getByTestId('stored-value-balance')).toHaveText('¥550.00');
  await loyalty.getByText('Gifts, coupons and points').click();
  await loyalty.getByLabel('Coupon').selectOption({ label: 'Spring ¥20' });
  await loyalty.getByRole('button', { name: 'Give coupon' }).click();
  await expect(loyalty.getByText(/Issued Spring ¥20, code/)).toBeVisible();

  // Two ¥200 items: 380 after 9.5折, coupon −20 → 360, 500 points → −5 → 355 due; ¥100 from stored value.
  await page.getByRole('link', { name: 'New sale' }).click();
  await addAmount(page, '200', 'Toy A');
  await addAmount(page, '200', 'Toy B');
  await page.getByLabel('Pay with points (points)').fill('500');
  await page.getByLabel('Coupon').selectOption({ index: 1 });
  await page.getByLabel('Pay from stored value (¥)').fill('100');
  await expect(page.getByTestId('checkout-total')).toHaveText('¥355.00');
  await expect(page.getByTestId('checkout-stored-value')).toHaveText('¥100.00');
  await expect(page.getByTestId('checkout-by-method')).toHaveText('¥255.00');
  await expect(page.getByTestId('checkout-points-earned')).toHaveText('+255');
  await page.getByRole('button', { name: 'Confirm sale ¥255.00' }).click();
  await expect(page.getByTestId('receipt-paid')).toHaveText('¥355.00');
  await expect(page.getByTestId('receipt-points-used')).toHaveText('500');
  await expect(page.getByTestId('receipt-points-balance')).toHaveText('705');

  // Return Toy A: ¥177.50 back, ¥50.00 of it to stored value; 250 points given back, 127 taken back.
  await page.getByRole('button', { name: 'Return items' }).click();
  await page.getByLabel('Return quantity of Toy A').fill('1');
  await page.getByRole('button', { name: 'Confirm return' }).click();
  await expect(page.getByRole('heading', { name: 'Return' })).toBeVisible();
  await expect(page.getByTestId('receipt-paid')).toHaveText('¥177.50');
  await expect(page.getByTestId('receipt-stored-value')).toHaveText('¥50.00');
  await expect(page.getByTestId('receipt-points-used')).toHaveText('250');
  await expect(page.getByTestId('receipt-points-earned')).toHaveText('-127');

  await page.getByRole('link', { name: 'View member' }).click();
  await expect(page.getByTestId('points-balance')).toHaveText('828');
  await expect(page.getByTestId('stored-value-balance')).toHaveText('¥500.00');
  await expect(page.getByRole('region', { name: 'Summary' }).getByText('¥1,127.50')).toBeVisible();

  // The books agree with the ledgers.
  await app.nav('Settings').click();
  await page.getByRole('button', { name: 'Check data integrity' }).click();
  await expect(page.getByText(/1 members checked, no drift/)).toBeVisible();
});
