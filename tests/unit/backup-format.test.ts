import { describe, expect, it } from 'vitest';
import { decryptBackup, encryptBackup, isEncryptedBackup, sha256Hex } from '../../src/lib/io/backup/crypto';
import { parseManifest } from '../../src/lib/io/backup/manifest';
import { backupReminder, nextLocalMidnight } from '../../src/lib/io/backup/reminder';
import { packZip, unpackZip } from '../../src/lib/io/backup/zip';
import { BACKUP_TABLES, fileOf, headerOf } from '../../src/lib/io/csv/backup-columns';
import { IssueError } from '../../src/lib/io/csv/issues';

const DAY = 86_400_000;

function manifest(over: Record<string, unknown> = {}) {
  return {
    format: 'huiyuanbao-backup',
    formatVersion: 1,
    appVersion: '0.1.0',
    schemaVersion: 1,
    createdAt: 1,
    createdAtIso: '1970-01-01T00:00:00.001Z',
    storeName: '店',
    encoding: 'utf-8',
    tables: BACKUP_TABLES.map((t) => ({
      table: t.table,
      file: fileOf(t.table),
      rows: 0,
      bytes: 0,
      sha256: '0'.repeat(64),
      columns: headerOf(t),
    })),
    ...over,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof IssueError) return e.issue.code;
    throw e;
  }
  return undefined;
}

describe('manifest', () => {
  it('accepts this app’s format and refuses newer ones, other files and missing tables', () => {
    expect(parseManifest(JSON.stringify(manifest())).tables).toHaveLength(BACKUP_TABLES.length);
    expect(codeOf(() => parseManifest('{'))).toBe('manifestInvalid');
    expect(codeOf(() => parseManifest(JSON.stringify({ format: 'other' })))).toBe('notBackup');
    expect(codeOf(() => parseManifest(JSON.stringify(manifest({ formatVersion: 2 }))))).toBe('newerFormat');
    expect(codeOf(() => parseManifest(JSON.stringify(manifest({ schemaVersion: 3 }))))).toBe('newerSchema');
    const tables = manifest().tables;
    expect(codeOf(() => parseManifest(JSON.stringify(manifest({ tables: tables.slice(1) }))))).toBe(
      'fileMissing',
    );
    expect(
      codeOf(() =>
        parseManifest(JSON.stringify(manifest({ tables: [...tables, { ...tables[0], table: 'x' }] }))),
      ),
    ).toBe('unknownFile');
    expect(
      codeOf(() =>
        parseManifest(
          JSON.stringify(manifest({ tables: [{ ...tables[0], sha256: 'xyz' }, ...tables.slice(1)] })),
        ),
      ),
    ).toBe('manifestInvalid');
  });
});

describe('zip and encryption', () => {
  it('zips deterministically and says what is wrong with a file that is not one', () => {
    const files: [string, Uint8Array][] = [['a.csv', new TextEncoder().encode('id\r\n1\r\n')]];
    const a = packZip(files, 1_700_000_000_000);
    expect(packZip(files, 1_700_000_000_000)).toEqual(a);
    expect(new TextDecoder().decode(unpackZip(a, 'x.zip').get('a.csv'))).toBe('id\r\n1\r\n');
    expect(codeOf(() => unpackZip(new Uint8Array(), 'x.zip'))).toBe('emptyFile');
    expect(codeOf(() => unpackZip(new TextEncoder().encode('hello'), 'x.zip'))).toBe('notZip');
    expect(codeOf(() => unpackZip(a.slice(0, 20), 'x.zip'))).toBe('damagedZip');
  });

  it('encrypts with AES-GCM under a PBKDF2 key; a wrong passphrase or a changed byte is refused', async () => {
    const plain = new TextEncoder().encode('backup bytes 会员');
    const sealed = await encryptBackup(plain, 'pass phrase', 1_000);
    expect(isEncryptedBackup(sealed)).toBe(true);
    expect(new DataView(sealed.buffer).getUint32(8, false)).toBe(1_000);
    expect(await decryptBackup(sealed, 'pass phrase', 'b.enc')).toEqual(plain);
    await expect(decryptBackup(sealed, 'wrong', 'b.enc')).rejects.toMatchObject({
      issue: { code: 'wrongPassphrase' },
    });
    await expect(decryptBackup(sealed, null, 'b.enc')).rejects.toMatchObject({
      issue: { code: 'needsPassphrase' },
    });
    const changed = sealed.slice();
    changed[12] = (changed[12] ?? 0) ^ 1; // the salt (authenticated as additional data)
    await expect(decryptBackup(changed, 'pass phrase', 'b.enc')).rejects.toMatchObject({
      issue: { code: 'wrongPassphrase' },
    });
    await expect(decryptBackup(sealed.slice(0, 30), 'pass phrase', 'b.enc')).rejects.toMatchObject({
      issue: { code: 'damagedEncrypted' },
    });
  });

  it('uses at least 600,000 PBKDF2 iterations by default', async () => {
    const sealed = await encryptBackup(new Uint8Array([1]), 'x');
    expect(new DataView(sealed.buffer).getUint32(8, false)).toBeGreaterThanOrEqual(600_000);
  });

  it('hashes with SHA-256', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('backup reminders', () => {
  const last = { at: 1_000 * DAY, rows: 10, fileName: 'b.zip', encrypted: false };
  it('nag when never backed up (with data), after 7 days or after 200 sales', () => {
    expect(backupReminder(null, 0, 0, false)).toBeNull();
    expect(backupReminder(null, 0, 0, true)).toEqual({ kind: 'never' });
    expect(backupReminder(last, last.at + 6 * DAY, 199, true)).toBeNull();
    expect(backupReminder(last, last.at + 7 * DAY, 0, true)).toEqual({ kind: 'days', days: 7 });
    expect(backupReminder(last, last.at + DAY, 200, true)).toEqual({ kind: 'sales', sales: 200 });
  });

  it('snooze until the next local midnight', () => {
    const at = new Date(2026, 2, 1, 15, 30).getTime();
    expect(nextLocalMidnight(at)).toBe(new Date(2026, 2, 2).getTime());
  });
});
