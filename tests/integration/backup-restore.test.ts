import 'fake-indexeddb/auto';
import { ownerContext } from '../fixtures/test-shop';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import {
  abandonRestore,
  ACTIVE_DB_KEY,
  activeDbName,
  beginRestore,
  cleanupStaleDbs,
  freshDbName,
  PENDING_DB_KEY,
  switchActiveDb,
  type KeyValueStore,
} from '../../src/lib/db/active';
import { SCHEMA_V1, ShopDB, DB_NAME } from '../../src/lib/db/shop-db';
import { BACKUP_TABLE_NAMES } from '../../src/lib/io/csv/backup-columns';
import { buildBackup } from '../../src/lib/io/backup/export';
import { BACKUP_SCHEMA_VERSION } from '../../src/lib/io/backup/manifest';
import { inspectBackup, restoreIntoFreshDb, type InspectedBackup } from '../../src/lib/io/backup/restore';
import { dumpShop, fillAwkwardShop, openShop } from '../fixtures/backup-shop';

const NOW = new Date(2026, 10, 3, 18, 20).getTime();
const dbs: ShopDB[] = [];
const names: string[] = [];

async function shop(): Promise<ShopDB> {
  const db = await openShop();
  dbs.push(db);
  return db;
}

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

async function backupOf(db: ShopDB, passphrase: string | null = null) {
  return buildBackup(db, { now: NOW, appVersion: '0.1.0', passphrase });
}

async function inspectOk(
  bytes: Uint8Array<ArrayBuffer>,
  passphrase: string | null = null,
): Promise<InspectedBackup> {
  const r = await inspectBackup(bytes, { fileName: 'b.zip', passphrase });
  if (!r.ok) throw new Error(JSON.stringify(r.issues.items));
  return r.backup;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
  for (const n of names.splice(0)) await Dexie.delete(n);
});

describe('backup format', () => {
  it('covers every table of the schema, at its version', () => {
    expect([...BACKUP_TABLE_NAMES].sort()).toEqual(Object.keys(SCHEMA_V1).sort());
    expect(BACKUP_SCHEMA_VERSION).toBe(new ShopDB('verno-probe').verno);
  });

  it('writes a manifest with versions, counts and a SHA-256 per file', async () => {
    const db = await shop();
    await fillAwkwardShop(db);
    const { bytes, manifest, fileName } = await backupOf(db);
    expect(fileName).toBe('会员宝-backup-贝贝母婴,_旗舰店-20261103-1820.zip');
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(['manifest.json', ...BACKUP_TABLE_NAMES.map((t) => `${t}.csv`)]);
    const written = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as typeof manifest;
    expect(written).toEqual(manifest);
    expect(manifest).toMatchObject({
      format: 'huiyuanbao-backup',
      formatVersion: 1,
      schemaVersion: 1,
      appVersion: '0.1.0',
    });
    expect(manifest.tables.find((t) => t.table === 'members')?.rows).toBe(30);
    const members = new TextDecoder().decode(files['members.csv']);
    expect(members.startsWith('id,name,phone,')).toBe(true);
    expect(members).toContain('\r\n');
  });
});

describe('restore', () => {
  it('backup → restore → backup gives the same bytes and the same rows', async () => {
    const db = await shop();
    await fillAwkwardShop(db);
    const first = await backupOf(db);
    const inspected = await inspectOk(first.bytes);
    const name = freshDbName(NOW, 'abc');
    names.push(name);
    const counts = await restoreIntoFreshDb(inspected, name, { ctx: ownerContext(), resetAccess: false });
    expect(counts.members).toBe(30);
    const restored = new ShopDB(name);
    dbs.push(restored);
    const second = await backupOf(restored);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(await dumpShop(restored)).toEqual(await dumpShop(db));
  });

  it('restores an encrypted backup with the passphrase, and says so when it is wrong or missing', async () => {
    const db = await shop();
    await fillAwkwardShop(db);
    const { bytes, encrypted, fileName } = await backupOf(db, '芝麻开门 open');
    expect(encrypted).toBe(true);
    expect(fileName.endsWith('.zip.enc')).toBe(true);
    const wrong = await inspectBackup(bytes, { fileName, passphrase: 'open sesame' });
    expect(wrong.ok ? [] : wrong.issues.items.map((i) => i.code)).toEqual(['wrongPassphrase']);
    const missing = await inspectBackup(bytes, { fileName, passphrase: null });
    expect(missing.ok ? [] : missing.issues.items.map((i) => i.code)).toEqual(['needsPassphrase']);
    const ok = await inspectOk(bytes, '芝麻开门 open');
    expect(ok.encrypted).toBe(true);
    expect(ok.counts.members).toBe(30);
  });

  it('a failure mid-write leaves the active database exactly as it was and removes the half-written one', async () => {
    const active = await openShop(freshDbName(NOW - 1, 'orig'));
    dbs.push(active);
    await fillAwkwardShop(active);
    const before = await dumpShop(active);
    const other = await shop();
    await fillAwkwardShop(other, {
      ...(await import('../fixtures/backup-shop')).BACKUP_SPEC,
      seed: 99,
      members: 12,
    });
    const inspected = await inspectOk((await backupOf(other)).bytes);

    const store = memoryStore();
    store.setItem(ACTIVE_DB_KEY, active.name);
    const name = freshDbName(NOW, 'boom');
    names.push(name);
    beginRestore(store, name);
    let chunks = 0;
    await expect(
      restoreIntoFreshDb(inspected, name, { ctx: ownerContext(), resetAccess: false }, {
        chunkBytes: 2_000,
        afterChunk: (table) => {
          chunks += 1;
          if (table === 'sales' && chunks > 3) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(await Dexie.exists(name)).toBe(false);
    await abandonRestore(store, name);
    expect(store.getItem(PENDING_DB_KEY)).toBeNull();
    expect(activeDbName(store)).toBe(active.name);
    expect(await dumpShop(active)).toEqual(before);
  });

  it('switches the active database only when told, and cleans up what was replaced or abandoned', async () => {
    const store = memoryStore();
    expect(activeDbName(store)).toBe(DB_NAME);
    const a = freshDbName(NOW, 'aaa');
    const b = freshDbName(NOW + 1, 'bbb');
    for (const n of [DB_NAME, a, b]) {
      names.push(n);
      const db = new ShopDB(n);
      await db.open();
      db.close();
    }
    beginRestore(store, a);
    switchActiveDb(store, a);
    expect(activeDbName(store)).toBe(a);
    beginRestore(store, b); // a restore that never finished (the tab was closed)
    expect(await cleanupStaleDbs(store)).toEqual([DB_NAME, b]);
    expect(await Dexie.exists(DB_NAME)).toBe(false);
    expect(await Dexie.exists(b)).toBe(false);
    expect(await Dexie.exists(a)).toBe(true);
    expect(activeDbName(store)).toBe(a);
    store.setItem(ACTIVE_DB_KEY, 'evil-name');
    expect(activeDbName(store)).toBe(DB_NAME);
  });
});

describe('bad files are refused with the file, row and field named', () => {
  async function good(): Promise<Uint8Array<ArrayBuffer>> {
    const db = await shop();
    await fillAwkwardShop(db);
    return (await backupOf(db)).bytes;
  }

  /** Rebuild the zip with one CSV changed (and, when `fixManifest`, its checksum updated to match). */
  async function tamper(
    bytes: Uint8Array<ArrayBuffer>,
    file: string,
    edit: (csv: string) => string,
    fixManifest = true,
  ): Promise<Uint8Array<ArrayBuffer>> {
    const files = unzipSync(bytes);
    const text = edit(new TextDecoder().decode(files[file]));
    const changed = new TextEncoder().encode(text);
    files[file] = changed;
    if (fixManifest) {
      const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as {
        tables: { file: string; sha256: string; bytes: number }[];
      };
      const entry = manifest.tables.find((t) => t.file === file);
      if (entry) {
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', changed));
        entry.sha256 = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
        entry.bytes = changed.length;
      }
      files['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
    }
    return zipSync(files) as Uint8Array<ArrayBuffer>;
  }

  async function issuesOf(bytes: Uint8Array<ArrayBuffer>) {
    const r = await inspectBackup(bytes, { fileName: 'bad.zip', passphrase: null });
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.issues.items;
  }

  it('an empty file, a file that is not a zip, a truncated zip', async () => {
    expect(await issuesOf(new Uint8Array())).toEqual([
      { code: 'emptyFile', file: 'bad.zip', row: null, field: null },
    ]);
    expect((await issuesOf(new TextEncoder().encode('name,phone\n王芳,138'))).map((i) => i.code)).toEqual([
      'notZip',
    ]);
    const bytes = await good();
    expect((await issuesOf(bytes.slice(0, Math.floor(bytes.length / 2)))).map((i) => i.code)).toEqual([
      'damagedZip',
    ]);
  });

  it('a zip that is no backup, a newer schema, a wrong checksum', async () => {
    expect(
      (await issuesOf(zipSync({ 'a.txt': new Uint8Array([1]) }) as Uint8Array<ArrayBuffer>)).map(
        (i) => i.code,
      ),
    ).toEqual(['notBackup']);
    const bytes = await good();
    const files = unzipSync(bytes);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
    files['manifest.json'] = new TextEncoder().encode(JSON.stringify({ ...manifest, schemaVersion: 2 }));
    expect(await issuesOf(zipSync(files) as Uint8Array<ArrayBuffer>)).toEqual([
      expect.objectContaining({ code: 'newerSchema', detail: '2>1' }),
    ]);
    const changed = await tamper(bytes, 'members.csv', (csv) => csv.replace('王', '汪'), false);
    expect(await issuesOf(changed)).toEqual([
      { code: 'checksum', file: 'members.csv', row: null, field: null },
    ]);
  });

  it('an older schema: migrated on the way in when every step is known, refused when one is not', async () => {
    const db = await shop();
    await fillAwkwardShop(db);
    const wechats = (await db.members.orderBy('id').toArray()).map((m) => m.wechat);
    // "Schema 1" here stands for an older layout whose members.csv called the wechat column `wx`.
    const older = await tamper((await backupOf(db)).bytes, 'members.csv', (csv) => csv.replace(',wechat,', ',wx,'));
    const step = {
      from: 1,
      renamed: { members: { wx: 'wechat' } },
      row: (table: string, row: Record<string, unknown>) => (table === 'members' ? { ...row, tags: [...(row.tags as string[]), 'v2'] } : row),
    };
    const refused = await inspectBackup(older, { fileName: 'old.zip', passphrase: null, appSchemaVersion: 2 });
    expect(refused.ok ? [] : refused.issues.items).toEqual([expect.objectContaining({ code: 'olderSchema', detail: '1' })]);

    const unrenamed = await inspectBackup(older, { fileName: 'old.zip', passphrase: null, appSchemaVersion: 2, migrations: [{ from: 1 }] });
    expect(unrenamed.ok ? [] : unrenamed.issues.items).toEqual([expect.objectContaining({ code: 'unknownColumn', field: 'wx' })]);
    const r = await inspectBackup(older, { fileName: 'old.zip', passphrase: null, appSchemaVersion: 2, migrations: [step] });
    if (!r.ok) throw new Error(JSON.stringify(r.issues.items));
    const name = `migrated-${crypto.randomUUID()}`;
    names.push(name);
    await restoreIntoFreshDb(r.backup, name, { ctx: ownerContext(), resetAccess: false });
    const restored = new ShopDB(name);
    const members = await restored.members.orderBy('id').toArray();
    restored.close();
    expect(members.map((m) => m.wechat)).toEqual(wechats);
    expect(members.every((m) => m.tags.at(-1) === 'v2')).toBe(true);
  });

  it('broken quotes, a wrong column count, an impossible date, non-numeric amounts, a duplicate phone', async () => {
    const bytes = await good();
    const lines = (csv: string) => csv.split('\r\n');
    const unquoted = await tamper(bytes, 'babies.csv', (csv) => {
      const l = lines(csv);
      l[2] = l[2] + ',"oops';
      return l.join('\r\n');
    });
    expect(await issuesOf(unquoted)).toEqual([
      expect.objectContaining({ code: 'brokenQuotes', file: 'babies.csv', row: 2 }),
    ]);

    const short = await tamper(bytes, 'products.csv', (csv) => {
      const l = lines(csv);
      l[3] = l[3]!.split(',').slice(0, 4).join(',');
      return l.join('\r\n');
    });
    expect(await issuesOf(short)).toEqual([
      expect.objectContaining({ code: 'columnCount', file: 'products.csv', row: 3, detail: '4/12' }),
      expect.objectContaining({ code: 'rowCount', file: 'products.csv' }),
    ]);

    const date = await tamper(bytes, 'babies.csv', (csv) =>
      csv.replace(/,(\d{4}-\d{2}-\d{2}),(true|false),/, ',2026-02-30,$2,'),
    );
    expect(await issuesOf(date)).toEqual([
      expect.objectContaining({
        code: 'impossibleDate',
        file: 'babies.csv',
        row: 1,
        field: 'birthDate',
        value: '2026-02-30',
      }),
      expect.objectContaining({ code: 'rowCount' }),
    ]);

    const amount = await tamper(bytes, 'sales.csv', (csv) => csv.replace(/""paidFen"":-?\d+/, '""paidFen"":""12.5元""'));
    expect(await issuesOf(amount)).toEqual([
      expect.objectContaining({ code: 'notInteger', file: 'sales.csv', field: 'lines.paidFen', value: '"12.5元"' }),
      expect.objectContaining({ code: 'rowCount' }),
    ]);
    const money = await tamper(bytes, 'products.csv', (csv) => {
      const l = lines(csv);
      const cells = l[1]!.split(',');
      cells[l[0]!.split(',').indexOf('priceFen')] = '¥12';
      l[1] = cells.join(',');
      return l.join('\r\n');
    });
    expect(await issuesOf(money)).toEqual([
      expect.objectContaining({ code: 'notInteger', file: 'products.csv', row: 1, field: 'priceFen', value: '¥12' }),
      expect.objectContaining({ code: 'rowCount' }),
    ]);

    const dup = await tamper(bytes, 'members.csv', (csv) => {
      const l = lines(csv);
      const phone = l[1]!.split(',')[2]!;
      const cells = l[2]!.split(',');
      cells[2] = phone;
      l[2] = cells.join(',');
      return l.join('\r\n');
    });
    expect(await issuesOf(dup)).toEqual([
      expect.objectContaining({ code: 'duplicateKey', file: 'members.csv', row: 2, field: 'phone' }),
    ]);
  });

  it('refuses rows that name a member or a sale the backup does not hold, and a backup that holds them restores', async () => {
    const db = await shop();
    await fillAwkwardShop(db);
    const { bytes } = await backupOf(db);
    const lines = (csv: string) => csv.split('\r\n');
    const setCell = (file: string, row: number, column: string, value: string) =>
      tamper(bytes, file, (csv) => {
        const l = lines(csv);
        const cells = l[row]!.split(',');
        cells[l[0]!.split(',').indexOf(column)] = value;
        l[row] = cells.join(',');
        return l.join('\r\n');
      });
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect(await issuesOf(await setCell('babies.csv', 1, 'memberId', ghost))).toEqual([
      { code: 'danglingReference', file: 'babies.csv', row: 1, field: 'memberId', value: ghost, detail: 'members.csv' },
    ]);
    const ledger = await db.pointsLedger.filter((p) => p.saleId !== null).first();
    const ledgerRow = (await db.pointsLedger.orderBy(':id').primaryKeys()).indexOf(ledger!.id) + 1;
    expect(await issuesOf(await setCell('pointsLedger.csv', ledgerRow, 'saleId', ghost))).toEqual([
      { code: 'danglingReference', file: 'pointsLedger.csv', row: ledgerRow, field: 'saleId', value: ghost, detail: 'sales.csv' },
    ]);
    // A member's referrer comes later in the file than she does: checked at the end, and found.
    expect((await inspectBackup(bytes, { fileName: 'ok.zip', passphrase: null })).ok).toBe(true);
  });
});
