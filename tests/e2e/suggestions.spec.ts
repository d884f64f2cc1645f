import { expect, test } from '@playwright/test';
import { App, isoDaysFromToday, readStore } from './pages/app';

interface StoredSale {
  memberId: string | null;
  suggestionsShown?: number;
  lines: { name: string; suggested?: boolean; category: string }[];
}

test('a 6-month-old’s mother: a stage 2 suggestion at checkout, one tap to the cart; her follow-up call on tomorrow’s list; uptake in analytics', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = new App(page);
  await app.open('/');
  await app.loadDemoShop();

  // A new member whose baby is 6 months old (200 days) and who has bought nothing yet.
  await app.registerMember({ name: 'Zhou Min', phone: '139 0013 9000', baby: { nickname: 'Xiaobao', birthDate: isoDaysFromToday(-200) } });
  await expect(page.getByRole('heading', { level: 1, name: /Zhou Min/ })).toBeVisible();
  // Her page suggests too, each with a link that starts a sale with it.
  const onPage = page.getByRole('region', { name: 'Suggestions' });
  await expect(onPage.getByRole('listitem').filter({ hasText: '2段' }).first()).toBeVisible();
  await expect(onPage.getByRole('link', { name: /^Sell her “.*2段.*”$/ }).first()).toBeVisible();

  // Checkout: pick her by phone.
  await app.nav('Checkout').click();
  await page.getByRole('searchbox', { name: 'Find member' }).fill('13900139000');
  await page.getByRole('button', { name: /Zhou Min/ }).first().click();
  await expect(page.getByRole('group', { name: 'Selected member' })).toContainText('Zhou Min');

  const suggestions = page.getByRole('region', { name: 'Suggestions' });
  const stage2 = suggestions.getByRole('listitem').filter({ hasText: '2段' }).first();
  await expect(stage2).toContainText('Xiaobao is 6 months old: time for stage 2 奶粉');
  const name = (await stage2.locator('strong').textContent()) ?? '';
  expect(name).toContain('2段');

  // One tap: it is in the cart, and its button says so.
  await stage2.getByRole('button', { name: `Add “${name}” to the cart` }).click();
  const cart = page.getByRole('table', { name: 'Cart' });
  await expect(cart.getByText(name)).toBeVisible();
  await expect(stage2.getByRole('button', { name: `Add “${name}” to the cart` })).toBeDisabled();
  const shown = await suggestions.getByRole('listitem').count();
  expect(shown).toBeGreaterThan(0);

  await page.getByRole('button', { name: /Confirm sale/ }).click();
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();

  // The sale records the suggestion taken and how many were shown.
  const members = await readStore<{ id: string; name: string }>(page, 'members');
  const zhou = members.find((m) => m.name === 'Zhou Min');
  const sales = (await readStore<StoredSale>(page, 'sales')).filter((s) => s.memberId === zhou?.id);
  expect(sales).toHaveLength(1);
  expect(sales[0]?.suggestionsShown).toBe(shown);
  expect(sales[0]?.lines.map((l) => [l.name, l.suggested ?? false])).toEqual([[name, true]]);

  // Her first formula purchase puts her on tomorrow's follow-up list (the default rule: 1 day after).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Care' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today’s care' })).toBeVisible();
  const hers = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Open Zhou Min' }) });
  await page.getByRole('radio', { name: 'Tomorrow' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Tomorrow’s care' })).toBeVisible();
  await page.getByLabel('Filter by reason').selectOption('followUp');
  await expect(hers).toHaveCount(1);
  await expect(hers).toContainText(`新奶粉回访: bought ${name}`);
  await expect(hers.getByLabel('Message')).toContainText(`How are you getting on with the ${name} you bought?`);
  // Not on today's list: the call is due tomorrow.
  await page.getByRole('radio', { name: 'Today' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Today’s care' })).toBeVisible();
  await expect(hers).toHaveCount(0);

  // Analytics → Behaviour: the take rate of suggestions.
  await page.goto('/#/analytics/behaviour');
  const uptake = page.getByRole('region', { name: 'Suggestions taken' });
  await expect(uptake.getByTestId('suggestion-take-rate')).toHaveText(/^100(\.0+)?\s?%$/);
});
