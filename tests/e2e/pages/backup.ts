import { expect, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { App } from './app';

/** Page model of Settings → Backup and restore (en). */
export class BackupPage {
  constructor(
    readonly page: Page,
    readonly app = new App(page),
  ) {}

  section() {
    return this.page.getByRole('region', { name: 'Backup and restore' });
  }

  async open() {
    await this.app.nav('Settings').click();
    await expect(this.section()).toBeVisible();
  }

  /** Back up (optionally encrypted) and return the downloaded file. */
  async backUp(passphrase?: string): Promise<{ name: string; bytes: Buffer; download: Download }> {
    const s = this.section();
    if (passphrase) {
      await s.getByLabel('Encrypt the backup with a passphrase').check();
      await s.getByLabel('Backup passphrase').fill(passphrase);
      await s.getByLabel('Passphrase again').fill(passphrase);
    }
    const downloading = this.page.waitForEvent('download');
    await s.getByRole('button', { name: 'Back up now' }).click();
    const download = await downloading;
    const path = await download.path();
    await expect(s.getByText(/backup made/i)).toBeVisible();
    return { name: download.suggestedFilename(), bytes: readFileSync(path), download };
  }

  async startEmpty() {
    await this.page.getByRole('button', { name: 'Start empty' }).click();
    await this.page.getByRole('button', { name: 'Confirm' }).click();
    await expect(this.page.getByText('All data cleared')).toBeVisible();
  }

  async chooseFile(name: string, bytes: Buffer) {
    await this.section()
      .getByLabel('Choose a backup file (.zip or .zip.enc)')
      .setInputFiles({ name, mimeType: 'application/zip', buffer: bytes });
  }

  /** After a file checked out: restore it, confirm, and wait for the page to come back. */
  async confirmRestore() {
    const s = this.section();
    await s.getByRole('button', { name: 'Restore this backup' }).click();
    await s.getByRole('button', { name: 'Confirm' }).click();
    await expect(this.page.getByText(/Restore complete: [\d,]+ rows restored and verified/)).toBeVisible({
      timeout: 60_000,
    });
  }
}
