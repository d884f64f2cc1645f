/**
 * The lossless round trip as a property (fast-check): for random generated shops with random awkward
 * text mixed in, backup → restore (into a fresh database) → backup gives byte-identical files and
 * deep-equal rows. fast-check shrinks a failure to the smallest shop and text that break it and prints
 * the seed to replay it.
 */
import 'fake-indexeddb/auto';
import { ownerContext } from '../fixtures/test-shop';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshDbName } from '../../src/lib/db/active';
import { ShopDB } from '../../src/lib/db/shop-db';
import { buildBackup } from '../../src/lib/io/backup/export';
import { inspectBackup, restoreIntoFreshDb } from '../../src/lib/io/backup/restore';
import { BACKUP_SPEC, dumpShop, fillAwkwardShop, openShop } from '../fixtures/backup-shop';

describe('backup → restore → backup', () => {
  it('is byte-identical on random shops', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          members: fc.integer({ min: 1, max: 25 }),
          sales: fc.integer({ min: 0, max: 120 }),
          months: fc.integer({ min: 1, max: 6 }),
          texts: fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), {
            minLength: 1,
            maxLength: 12,
          }),
          now: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
        }),
        async ({ seed, members, sales, months, texts, now }) => {
          const original = await openShop();
          const fresh = freshDbName(now, `p${seed}`);
          try {
            await fillAwkwardShop(original, { ...BACKUP_SPEC, seed, members, sales, months }, texts);
            const first = await buildBackup(original, { now, appVersion: '0.1.0', passphrase: null });
            const inspected = await inspectBackup(first.bytes, {
              fileName: first.fileName,
              passphrase: null,
              chunkBytes: 4_096,
            });
            if (!inspected.ok) throw new Error(JSON.stringify(inspected.issues.items));
            await restoreIntoFreshDb(inspected.backup, fresh, { ctx: ownerContext(), resetAccess: false }, { chunkBytes: 4_096 });
            const restored = new ShopDB(fresh);
            const second = await buildBackup(restored, { now, appVersion: '0.1.0', passphrase: null });
            expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
            expect(await dumpShop(restored)).toEqual(await dumpShop(original));
            restored.close();
          } finally {
            original.close();
            await original.delete();
            await Dexie.delete(fresh);
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
