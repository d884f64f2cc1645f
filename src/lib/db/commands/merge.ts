import { localDateOf } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { growthBalance } from '../../domain/growth';
import type { Id } from '../../domain/ids';
import { deriveAggregates } from '../../domain/ledger';
import type { Member } from '../../domain/member';
import { foldMember, MEMBER_REFERRING_TABLES } from '../../domain/member-merge';
import { addSaleToRollup, type DailyRollup } from '../../domain/rollup';
import type { Sale, TierChange } from '../../domain/sale';
import { qualifyingTier, tierRank, type Tier } from '../../domain/tier';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import { MERGED_MEMBERS_KEY } from '../queries/merge';
import { SETTINGS_KEY } from '../queries/settings';
import type { ShopDB } from '../shop-db';

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
  const total = [...plan.writes.values()].reduce((s, w) => s + w.add.length + w.put.length, 0) + plan.touched.size;
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

    const sales = (plan.writes.get('sales')?.add ?? []) as unknown as Sale[];
    const days = [...new Set(sales.map((s) => localDateOf(s.at)))];
    const rollups = new Map((days.length ? ((await db.dailyRollups.bulkGet(days)) as (DailyRollup | undefined)[]) : []).map((r, i) => [days[i] as string, r]));
    for (const s of sales) {
      const day = localDateOf(s.at);
      rollups.set(day, addSaleToRollup(rollups.get(day), s));
    }
    await db.dailyRollups.bulkPut([...rollups.values()].filter((r): r is DailyRollup => r !== undefined));

    const tiers = await db.tiers.toArray();
    const basis = await tierBasisOf(db);
    const ids = [...plan.touched];
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      const members = (await db.members.bulkGet(chunk)).filter((m): m is Member => m !== undefined);
      const recounted: Member[] = [];
      const history: TierChange[] = [];
      for (const m of members) {
        const { member: next, change } = await recountMember(db, m, tiers, basis, ctx);
        if (change) history.push(change);
        recounted.push(next);
      }
      await db.members.bulkPut(recounted);
      await db.tierHistory.bulkAdd(history);
      onProgress?.((done += chunk.length), total);
    }

    if (plan.memberMap.size > 0) {
      const before = (await db.settings.get(MERGED_MEMBERS_KEY))?.value;
      await db.settings.put({ key: MERGED_MEMBERS_KEY, value: remember(before, plan.memberMap) });
    }
    const rows = total - plan.touched.size;
    await db.auditLog.add(auditRow(ctx, 'merge', null, `${rows} rows, ${plan.memberMap.size} members merged`));
    return { rows, members: plan.touched.size };
  });
}

function tierBasisOf(db: ShopDB): Promise<string> {
  return db.settings.get(SETTINGS_KEY).then((row) => (row?.value as { tierBasis?: string } | undefined)?.tierBasis ?? 'lifetimeSpend');
}

/**
 * Inside the caller's transaction: her cached balances as her (merged) ledgers say, and the tier her
 * lifetime spend now qualifies her for when it is above hers (with its history row). Dexie promises
 * are chained, not awaited in a nested async function, so the transaction's zone is kept.
 */
function recountMember(
  db: ShopDB,
  m: Member,
  tiers: readonly Tier[],
  basis: string,
  ctx: CommandContext,
): Promise<{ member: Member; change: TierChange | null }> {
  const range = [[m.id, -Infinity], [m.id, Infinity]] as const;
  return Promise.all([
    db.sales.where('[memberId+at]').between(...range).toArray(),
    db.pointsLedger.where('[memberId+at]').between(...range).toArray(),
    db.storedValueLedger.where('[memberId+at]').between(...range).toArray(),
    db.growthLedger.where('[memberId+at]').between(...range).toArray(),
  ]).then(([sales, points, storedValue, growth]) => {
    const member: Member = { ...m, ...deriveAggregates(sales, points, storedValue) };
    if (growth.length > 0 || m.growthValue !== undefined) {
      member.growthValue = growthBalance(growth);
      member.growthMonths = growth.filter((g) => g.kind === 'tenure').reduce((s, g) => s + (g.months ?? 0), 0);
    }
    const qualified = basis === 'lifetimeSpend' && tiers.length > 0 ? qualifyingTier(tiers, member.lifetimeSpendFen) : null;
    if (!qualified || tierRank(tiers, member.tierId) >= tierRank(tiers, qualified.id)) return { member, change: null };
    const now = ctx.clock.now();
    const change: TierChange = { id: ctx.newId(), memberId: m.id, at: now, fromTierId: member.tierId, toTierId: qualified.id, reason: 'review', createdAt: now, updatedAt: now };
    return { member: { ...member, tierId: qualified.id }, change };
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
    const { member, change } = await recountMember(db, folded, await db.tiers.toArray(), await tierBasisOf(db), ctx);
    await db.members.put(member);
    if (change) await db.tierHistory.add(change);
    const before = (await db.settings.get(MERGED_MEMBERS_KEY))?.value;
    await db.settings.put({ key: MERGED_MEMBERS_KEY, value: remember(before, [[dropId, keepId]]) });
    await db.auditLog.add(auditRow(ctx, 'mergeMembers', keepId, '1 member merged'));
    return member;
  });
}
