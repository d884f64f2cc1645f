import { DomainError } from '../../domain/errors';
import type { Id } from '../../domain/ids';
import type { Member } from '../../domain/member';
import { foldMember, MEMBER_REFERRING_TABLES } from '../../domain/member-merge';
import type { Sale } from '../../domain/sale';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import { MERGED_MEMBERS_KEY } from '../queries/merge';
import { addSalesToRollups } from '../rollups';
import type { ShopDB } from '../shop-db';
import { recountMember, recountMembers, tierBasisOf } from './recount';

type Row = Record<string, unknown>;

export interface MergeWrites {
  writes: ReadonlyMap<string, { add: readonly Row[]; put: readonly Row[] }>;
  /** Members of the other device that became one of ours: remembered for the next merge. */
  memberMap: ReadonlyMap<string, string>;
  /** Members whose cached balances are recounted from the ledgers. */
  touched: ReadonlySet<string>;
}

const CHUNK = 2_000;

/**
 * Write a merge plan in ONE transaction (all or nothing): new rows added (a row that appeared since
 * the plan was made fails it), newer rows put, the days of the new sales summed into their rollups,
 * the touched members' balances recounted from the merged ledgers.
 */
export async function applyMerge(
  db: ShopDB,
  plan: MergeWrites,
  ctx: CommandContext,
  onProgress?: (done: number, total: number) => void,
): Promise<{ rows: number; members: number }> {
  requireOwner(ctx, 'restore');
  const tables = [...plan.writes.keys()].filter((t) => t !== 'dailyRollups').map((t) => db.table(t));
  const total =
    [...plan.writes.values()].reduce((s, w) => s + w.add.length + w.put.length, 0) + plan.touched.size;
  return db.transaction('rw', [...tables, db.dailyRollups, db.settings, db.auditLog], async () => {
    let done = 0;
    for (const [table, w] of plan.writes) {
      for (let i = 0; i < w.put.length; i += CHUNK) {
        await db.table(table).bulkPut(w.put.slice(i, i + CHUNK) as Row[]);
        onProgress?.((done += Math.min(CHUNK, w.put.length - i)), total);
      }
      for (let i = 0; i < w.add.length; i += CHUNK) {
        await db.table(table).bulkAdd(w.add.slice(i, i + CHUNK) as Row[]);
        onProgress?.((done += Math.min(CHUNK, w.add.length - i)), total);
      }
    }

    await addSalesToRollups(db, (plan.writes.get('sales')?.add ?? []) as unknown as Sale[]);
    await recountMembers(db, [...plan.touched], ctx, (n) => onProgress?.((done += n), total));

    if (plan.memberMap.size > 0) {
      const before = (await db.settings.get(MERGED_MEMBERS_KEY))?.value;
      await db.settings.put({ key: MERGED_MEMBERS_KEY, value: remember(before, plan.memberMap) });
    }
    const rows = total - plan.touched.size;
    await db.auditLog.add(
      auditRow(ctx, 'merge', null, `${rows} rows, ${plan.memberMap.size} members merged`),
    );
    return { rows, members: plan.touched.size };
  });
}

/** Members merged away, with `from → to` added and anything that led to `from` now leading to `to`. */
function remember(before: unknown, pairs: Iterable<[string, string]>): Record<string, string> {
  const map: Record<string, string> = { ...((before ?? {}) as Record<string, string>) };
  for (const [from, to] of pairs) {
    for (const k of Object.keys(map)) if (map[k] === from) map[k] = to;
    map[from] = to;
  }
  return map;
}

/**
 * Two records of one person → one, in ONE transaction: every row naming `dropId` (her babies, sales,
 * ledgers, coupons, sign-ups, contacts …) is re-pointed to `keepId`, the kept record takes the other's
 * details where its own are blank (foldMember), her balances are recounted from the merged ledgers, and
 * the other record is deleted (and remembered, so a later merge from another device maps it too).
 */
export async function mergeMembers(db: ShopDB, keepId: Id, dropId: Id, ctx: CommandContext): Promise<Member> {
  requireOwner(ctx, 'settings');
  if (keepId === dropId) throw new DomainError({ code: 'invalid', field: 'member' });
  const tables = MEMBER_REFERRING_TABLES.map((t) => db.table(t));
  return db.transaction('rw', [...tables, db.members, db.settings, db.auditLog, db.tiers], async () => {
    const [keep, drop] = await db.members.bulkGet([keepId, dropId]);
    if (!keep || !drop) throw new DomainError({ code: 'notFound', entity: 'member' });
    for (const t of tables) {
      const rows = (await (t.schema.indexes.some((i) => i.name === 'memberId')
        ? t.where('memberId').equals(dropId).toArray()
        : t.where('[memberId+at]').between([dropId, -Infinity], [dropId, Infinity]).toArray())) as Row[];
      if (rows.length) await t.bulkPut(rows.map((r) => ({ ...r, memberId: keepId })));
    }
    const referred = await db.members.where('referrerId').equals(dropId).toArray();
    if (referred.length) await db.members.bulkPut(referred.map((m) => ({ ...m, referrerId: keepId })));
    await db.members.delete(dropId);
    const folded = { ...foldMember(keep, drop), updatedAt: ctx.clock.now() };
    const { member, change } = await recountMember(
      db,
      folded,
      await db.tiers.toArray(),
      await tierBasisOf(db),
      ctx,
    );
    await db.members.put(member);
    if (change) await db.tierHistory.add(change);
    const before = (await db.settings.get(MERGED_MEMBERS_KEY))?.value;
    await db.settings.put({ key: MERGED_MEMBERS_KEY, value: remember(before, [[dropId, keepId]]) });
    await db.auditLog.add(auditRow(ctx, 'mergeMembers', keepId, '1 member merged'));
    return member;
  });
}
