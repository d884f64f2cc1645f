import { expect, type Page } from '@playwright/test';

/** Page model of the app shell and the member journeys, in the `en` locale. */
export class App {
  constructor(readonly page: Page) {}

  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(this.page.getByText('Loading…')).toHaveCount(0);
  }

  nav(name: 'Checkout' | 'Members' | 'Settings') {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  }

  async registerMember(m: { name: string; phone: string; baby?: { nickname: string; birthDate: string } }) {
    await this.nav('Members').click();
    await this.page.getByRole('link', { name: 'New member' }).first().click();
    await this.page.getByLabel('Name *').fill(m.name);
    await this.page.getByLabel('Mobile *').fill(m.phone);
    if (m.baby) {
      await this.page.getByRole('button', { name: 'Add baby' }).click();
      await this.page.getByLabel('Baby 1 nickname').fill(m.baby.nickname);
      await this.page.getByLabel('Baby 1 birth date').fill(m.baby.birthDate);
    }
    await this.page.getByRole('button', { name: 'Register member' }).click();
  }

  async searchMembers(text: string) {
    await this.nav('Members').click();
    await this.page.getByLabel('Search members').fill(text);
    return this.page.getByRole('list', { name: 'Search results' });
  }
}

/** 'YYYY-MM-DD' of a day `days` from today in the browser's local time. */
export function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
