import { expect, type Page } from '@playwright/test';

export const OWNER_NAME = 'Li';
export const OWNER_PIN = '246810';

/** Page model of the app shell and the member journeys, in the `en` locale. */
export class App {
  constructor(readonly page: Page) {}

  /** Open the app as the owner: on a new shop she sets her PIN first; a locked tablet is unlocked. */
  async open(path = '/') {
    await this.page.goto(path);
    await this.signIn();
  }

  /** Whatever stands before the shop: the first-start PIN setup, or the lock screen. */
  async signIn(pin = OWNER_PIN) {
    const nav = this.page.getByRole('navigation', { name: 'Main' });
    const setup = this.page.getByRole('heading', { name: 'Set the owner PIN' });
    const locked = this.page.getByRole('heading', { name: 'Locked' });
    await expect(nav.or(setup).or(locked)).toBeVisible();
    if (await setup.isVisible()) {
      await this.page.getByRole('textbox', { name: 'Owner’s name' }).fill(OWNER_NAME);
      await this.page.getByLabel('PIN', { exact: true }).fill(pin);
      await this.page.getByLabel('Repeat the PIN').fill(pin);
      await this.page.getByRole('button', { name: 'Set PIN and start' }).click();
    } else if (await locked.isVisible()) {
      await this.unlock(OWNER_NAME, pin);
    }
    await expect(nav).toBeVisible();
    await expect(this.page.getByText('Loading…')).toHaveCount(0);
  }

  /** On the lock screen: choose who (when there is more than one) and type the PIN. */
  async unlock(name: string, pin: string) {
    const who = this.page.getByRole('radio', { name: new RegExp(`^${name}\\b`) });
    if ((await who.count()) > 0) await who.check();
    await this.page.getByLabel('PIN', { exact: true }).fill(pin);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
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

  /** Settings → Load demo shop (300 members, 5,000 sales), confirmed, and wait until it is in. */
  async loadDemoShop() {
    await this.nav('Settings').click();
    await this.page.getByRole('button', { name: 'Load demo shop' }).click();
    await this.page.getByRole('button', { name: 'Confirm' }).click();
    await expect(this.page.getByText(/Demo shop loaded/)).toBeVisible({ timeout: 60_000 });
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

/** Every row of one IndexedDB store of the shop, read raw in the page: what the app wrote, not what it shows. */
export async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const open = indexedDB.open('huiyuanbao');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, store) as Promise<T[]>;
}
