import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** Page model of the analytics pages (en). */
export class AnalyticsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  }

  tab(name: 'Overview' | 'Purchase behaviour' | 'Member value' | 'Churn' | 'Programme health') {
    return this.page.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name });
  }

  card(title: string) {
    return this.page.getByRole('region', { name: title });
  }

  kpi(testId: string) {
    return this.page.getByTestId(testId);
  }

  /** Export a chart's table; returns the file's name and text (BOM included). */
  async exportCsv(title: string): Promise<{ name: string; text: string; bytes: Buffer }> {
    const downloading = this.page.waitForEvent('download');
    await this.card(title).getByRole('button', { name: `Export CSV: ${title}` }).click();
    const download = await downloading;
    const bytes = readFileSync(await download.path());
    return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
  }
}

/** A CSV of this app (no quoted line breaks in its figures) → rows of cells. */
export function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

/** What the shop's raw IndexedDB holds for the last `days` days (today included), read in the page. */
export async function rawSales(page: Page, days: number): Promise<{ salesFen: number; tickets: number; members: number; points: number }> {
  return page.evaluate(async (days) => {
    const open = indexedDB.open('huiyuanbao');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const now = new Date();
    const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1)).getTime();
    const sales = await all<{ at: number; totalFen: number; refundOf: string | null }>('sales');
    const members = await all<{ pointsBalance: number; deletedAt?: number }>('members');
    db.close();
    const inPeriod = sales.filter((s) => s.at >= from);
    return {
      salesFen: inPeriod.reduce((sum, s) => sum + s.totalFen, 0),
      tickets: inPeriod.filter((s) => s.refundOf === null).length,
      members: members.length,
      points: members.reduce((sum, m) => sum + Math.max(0, m.pointsBalance), 0),
    };
  }, days);
}

export function yuan(fen: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(fen / 100);
}
