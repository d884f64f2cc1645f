import Dexie from 'dexie';
import { localDateOf } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import {
  decayDue,
  GROWTH_KEY,
  growthBalance,
  growthFromHistory,
  growthRow,
  tenureDue,
  validateGrowthWeights,
  type GrowthEntry,
  type GrowthKind,
  type GrowthWeights,
} from '../../domain/growth';
import { isProfileComplete, type Member } from '../../domain/member';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import { getGrowthWeights, weightsOf } from '../queries/growth';
import type { ShopDB } from '../shop-db';

/*
 * The helpers below run inside the caller's transaction and chain Dexie promises instead of nesting
 * async functions: a native await two calls deep can lose Dexie's transaction zone, and the
 * caller's next write would then run (and commit) on its own.
 */

/** Inside the caller's transaction (members, growthLedger): append one growth row and move her cached value. */
export function addGrowth(
  db: ShopDB,
  memberId: string,
  kind: GrowthKind,
  value: number,
  ctx: CommandContext,
  extra: Parameters<typeof growthRow>[5] = {},
): Promise<unknown> {
  if (value === 0) return Dexie.Promise.resolve();
  const now = ctx.clock.now();
  const row = growthRow(ctx.newId, memberId, now, kind, value, extra);
  return db.growthLedger.add(row).then(() =>
    db.members
      .where('id')
      .equals(memberId)
      .modify((m) => {
        m.growthValue = (m.growthValue ?? 0) + value;
        m.updatedAt = now;
      }),
  );
}

/** Inside a transaction over members, settings and growthLedger: the once-only growth for a complete profile. */
export function creditProfileGrowth(db: ShopDB, member: Member, babyCount: number, ctx: CommandContext): Promise<unknown> {
  if (!isProfileComplete(member, babyCount)) return Dexie.Promise.resolve();
  return db.settings.get(GROWTH_KEY).then((row) => {
    const { profile } = weightsOf(row?.value);
    if (profile <= 0) return undefined;
    return db.growthLedger
      .where('[memberId+at]')
      .between([member.id, -Infinity], [member.id, Infinity])
      .filter((e) => e.kind === 'profile')
      .first()
      .then((given) => (given ? undefined : addGrowth(db, member.id, 'profile', profile, ctx)));
  });
}

/** Inside a transaction over members, settings and growthLedger: an event's growth, given once per sign-up on a tick, taken back on an untick. */
export function eventGrowth(db: ShopDB, memberId: string, signupId: string, attended: boolean, ctx: CommandContext): Promise<unknown> {
  return Dexie.Promise.all([
    db.growthLedger.where('[memberId+at]').between([memberId, -Infinity], [memberId, Infinity]).toArray(),
    db.settings.get(GROWTH_KEY),
  ]).then(([ledger, row]) => {
    const held = ledger.filter((e) => e.ref === signupId).reduce((sum, e) => sum + e.value, 0);
    if (attended && held === 0) return addGrowth(db, memberId, 'event', weightsOf(row?.value).perEvent, ctx, { ref: signupId });
    if (!attended && held > 0) return addGrowth(db, memberId, 'eventUndone', -held, ctx, { ref: signupId });
    return undefined;
  });
}

export async function saveGrowthWeights(db: ShopDB, weights: GrowthWeights, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'settings');
  const field = validateGrowthWeights(weights)[0];
  if (field) throw new DomainError({ code: 'invalid', field });
  await db.transaction('rw', [db.settings, db.auditLog], async () => {
    await db.settings.put({ key: GROWTH_KEY, value: { ...weights } });
    await db.auditLog.add(auditRow(ctx, 'settings', null, 'growth weights'));
  });
}

/** The year her growth last decayed; never: the year she joined (the first decay is the next 1 January). */
const lastDecay = (m: Member) => m.growthDecayYear ?? Number(m.joinedOn.slice(0, 4));

/** Members per transaction for the shop-wide growth jobs. */
const CHUNK = 300;

/**
 * Daily: months of membership not yet credited (one 'tenure' row per member per run), and on the
 * first run of a year the yearly decay. Chunked; idempotent (the member row says what is done).
 */
export async function accrueTenureAndDecay(db: ShopDB, ctx: CommandContext): Promise<{ tenure: number; decayed: number }> {
  const w = await getGrowthWeights(db);
  const now = ctx.clock.now();
  const today = localDateOf(now);
  const year = Number(today.slice(0, 4));
  let tenure = 0;
  let decayed = 0;
  if (w.perMonth <= 0 && w.decayPct <= 0) return { tenure, decayed };
  let after: string | null = null;
  for (;;) {
    const from: string | null = after;
    const members: Member[] = from === null ? await db.members.orderBy(':id').limit(CHUNK).toArray() : await db.members.where(':id').above(from).limit(CHUNK).toArray();
    if (members.length === 0) break;
    after = members[members.length - 1]?.id ?? null;
    const due = members.filter(
      (m) => m.deletedAt === undefined && ((w.perMonth > 0 && tenureDue(m.joinedOn, today, m.growthMonths ?? 0, w)) || decayDue(m.growthValue ?? 0, year, lastDecay(m), w) !== null),
    );
    if (due.length === 0) continue;
    await db.transaction('rw', [db.members, db.growthLedger], async () => {
      const rows: GrowthEntry[] = [];
      const changed: Member[] = [];
      for (const stale of due) {
        const m = await db.members.get(stale.id);
        if (!m) continue;
        let value = m.growthValue ?? 0;
        const next: Member = { ...m, updatedAt: now };
        const months = w.perMonth > 0 ? tenureDue(m.joinedOn, today, m.growthMonths ?? 0, w) : null;
        if (months) {
          rows.push(growthRow(ctx.newId, m.id, now, 'tenure', months.value, { months: months.months }));
          value += months.value;
          next.growthMonths = (m.growthMonths ?? 0) + months.months;
          tenure += 1;
        }
        const decay = decayDue(value, year, lastDecay(m), w);
        if (decay !== null) {
          rows.push(growthRow(ctx.newId, m.id, now, 'decay', decay, { ref: String(year) }));
          value += decay;
          next.growthDecayYear = year;
          decayed += 1;
        }
        next.growthValue = value;
        changed.push(next);
      }
      await db.growthLedger.bulkAdd(rows);
      await db.members.bulkPut(changed);
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { tenure, decayed };
}

/**
 * Count growth value from history, for members whose ledger does not hold it (a shop that had sales
 * before growth was kept, a demo shop): per member, what her sales, attended events, profile and
 * months of membership earn under today's weights, less what her ledger already holds, appended as
 * one 'opening' row. Idempotent: a second run finds nothing missing. Owner only; chunked, with progress.
 */
export async function backfillGrowth(
  db: ShopDB,
  ctx: CommandContext,
  onProgress?: (done: number, total: number) => void,
): Promise<{ members: number; rows: number }> {
  requireOwner(ctx, 'settings');
  const w = await getGrowthWeights(db);
  const now = ctx.clock.now();
  const today = localDateOf(now);
  const total = await db.members.count();
  let done = 0;
  let rows = 0;
  let after: string | null = null;
  for (;;) {
    const from: string | null = after;
    const ids: string[] = from === null ? await db.members.orderBy(':id').limit(CHUNK).primaryKeys() : await db.members.where(':id').above(from).limit(CHUNK).primaryKeys();
    if (ids.length === 0) break;
    after = ids[ids.length - 1] ?? null;
    rows += await db.transaction('rw', [db.members, db.sales, db.babies, db.eventSignups, db.growthLedger], async () => {
      const written: GrowthEntry[] = [];
      const changed: Member[] = [];
      for (const m of await db.members.bulkGet(ids)) {
        if (!m || m.deletedAt !== undefined) continue;
        const range = [[m.id, -Infinity], [m.id, Infinity]] as const;
        const [sales, ledger, babies, attended] = await Promise.all([
          db.sales.where('[memberId+at]').between(...range).toArray(),
          db.growthLedger.where('[memberId+at]').between(...range).toArray(),
          db.babies.where('memberId').equals(m.id).count(),
          db.eventSignups.where('memberId').equals(m.id).filter((s) => s.attended).count(),
        ]);
        const earned = growthFromHistory({ sales, eventsAttended: attended, profileComplete: isProfileComplete(m, babies), joinedOn: m.joinedOn }, today, w);
        // Decay already taken stays taken: only what was never counted is added.
        const held = growthBalance(ledger.filter((e) => e.kind !== 'decay'));
        const missing = earned.value - held;
        const next: Member = { ...m, growthMonths: Math.max(m.growthMonths ?? 0, earned.months) };
        if (missing > 0) written.push(growthRow(ctx.newId, m.id, now, 'opening', missing, { months: earned.months }));
        next.growthValue = growthBalance(ledger) + Math.max(0, missing);
        if (next.growthValue !== m.growthValue || next.growthMonths !== m.growthMonths) changed.push({ ...next, updatedAt: now });
      }
      await db.growthLedger.bulkAdd(written);
      await db.members.bulkPut(changed);
      return written.length;
    });
    done += ids.length;
    onProgress?.(done, total);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await db.auditLog.add(auditRow(ctx, 'settings', null, `growth counted from history: ${rows} members`));
  return { members: done, rows };
}
