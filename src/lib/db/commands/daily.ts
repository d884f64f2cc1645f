import { addMonthsToInstant, localDateOf } from '../../domain/clock';
import { isBirthdayOn, type Member } from '../../domain/member';
import { addCoupon } from './loyalty';
import { accrueTenureAndDecay } from './growth';
import { expiryRows } from '../../domain/lots';
import type { PointsEntry } from '../../domain/points';
import type { TierChange } from '../../domain/sale';
import { qualifyingTierBy, standingFrom, tierAfterReview, tierRank, windowStart, type Standing } from '../../domain/tier';
import type { CommandContext } from '../context';
import { LAST_DAILY_RUN_KEY } from '../member-state';
import { getSettings, getTiers } from '../queries/settings';
import type { ShopDB } from '../shop-db';

export { LAST_DAILY_RUN_KEY };

/** Members per transaction: each chunk is short, and the page gets the event loop back between chunks. */
export const DAILY_CHUNK = 300;

export interface DailyResult {
  /** Points lots expired (one `expire` row each). */
  expired: number;
  /** Members moved down by the tier review. */
  downgraded: number;
  /** Birthday coupons issued. */
  birthdayCoupons: number;
  /** Members credited months of membership, and members whose growth value decayed (1 January). */
  growthTenure: number;
  growthDecayed: number;
}

/**
 * The jobs that run on app start and once a day. Both are idempotent: a second run at the same
 * moment writes nothing.
 * 1. Points expiry: every lot whose date has come (found through the `expiresAt` index, from the
 *    last run on) gets its `expire` row, oldest first, and the member's cached balance follows.
 * 2. Tier review: a member who no longer qualifies for her tier (under the shop's rule, on her
 *    standing of the last 12 months) keeps it until `tierGraceMonths` after she reached it (her last
 *    tier-history row), then moves to the tier she qualifies for, with a 'review' history row. The
 *    review never raises anyone (upgrades happen at checkout and on rule changes).
 * 3. Birthday coupons; 4. growth value: months of membership credited, and the yearly decay.
 * Work is done in transactions of DAILY_CHUNK members; the last-run time is written at the end, so
 * an interrupted run is simply redone from the previous one.
 */
export async function runDailyJobs(db: ShopDB, ctx: CommandContext): Promise<DailyResult> {
  const now = ctx.clock.now();
  const last = (await db.settings.get(LAST_DAILY_RUN_KEY))?.value;
  // A last run "in the future" (the device clock was wrong then) cannot bound the search.
  const since = typeof last === 'number' && last <= now ? last : -Infinity;

  const expired = await expireLots(db, ctx, since, now);
  const downgraded = await reviewTiers(db, ctx, now);
  const birthdayCoupons = await issueBirthdayCoupons(db, ctx, now);
  const growth = await accrueTenureAndDecay(db, ctx);
  await db.settings.put({ key: LAST_DAILY_RUN_KEY, value: now });
  return { expired, downgraded, birthdayCoupons, growthTenure: growth.tenure, growthDecayed: growth.decayed };
}

/** 3. Birthday coupons: members whose birthday is today get the shop's birthday coupon, once a year. */
async function issueBirthdayCoupons(db: ShopDB, ctx: CommandContext, now: number): Promise<number> {
  const templateId = (await getSettings(db)).birthdayCouponTemplateId;
  if (!templateId) return 0;
  const today = localDateOf(now);
  const year = Number(today.slice(0, 4));
  return db.transaction('rw', [db.members, db.couponTemplates, db.coupons], async () => {
    const template = await db.couponTemplates.get(templateId);
    if (!template?.active) return 0;
    const due = await db.members
      .filter((m) => m.deletedAt === undefined && m.birthdayCouponYear !== year && isBirthdayOn(m.birthday, today))
      .toArray();
    for (const m of due) {
      await addCoupon(db, template, m.id, 'birthday', ctx);
      await db.members.update(m.id, { birthdayCouponYear: year, updatedAt: now });
    }
    return due.length;
  });
}

async function expireLots(db: ShopDB, ctx: CommandContext, since: number, now: number): Promise<number> {
  const due = await db.pointsLedger.where('expiresAt').between(since, now, false, true).toArray();
  const memberIds = [...new Set(due.map((e) => e.memberId))].sort();
  // When most members have a lot due (the first run, or after a long pause), one read of each
  // chunk's span of the [memberId+at] index beats a read per member by far.
  const dense = memberIds.length * 2 > (await db.members.count());
  let expired = 0;
  for (let i = 0; i < memberIds.length; i += DAILY_CHUNK) {
    const chunk = memberIds.slice(i, i + DAILY_CHUNK);
    expired += await db.transaction('rw', [db.members, db.pointsLedger], async () => {
      const ledgers = await ledgersOf(db, chunk, dense);
      const rows: PointsEntry[] = [];
      const changed: Member[] = [];
      for (const member of await db.members.bulkGet(chunk)) {
        if (!member) continue;
        const expire = expiryRows(member.id, ledgers.get(member.id) ?? [], now, ctx.newId);
        if (expire.length === 0) continue;
        rows.push(...expire);
        changed.push({ ...member, pointsBalance: member.pointsBalance + expire.reduce((s, e) => s + e.points, 0), updatedAt: now });
      }
      await db.pointsLedger.bulkAdd(rows);
      await db.members.bulkPut(changed);
      return rows.length;
    });
    await yieldToPage();
  }
  return expired;
}

/** The whole points ledgers of `ids` (sorted), by member: one span read when `dense`, else one read each. */
async function ledgersOf(db: ShopDB, ids: readonly string[], dense: boolean): Promise<Map<string, PointsEntry[]>> {
  const byMember = new Map<string, PointsEntry[]>();
  const first = ids[0];
  const last = ids[ids.length - 1];
  if (first === undefined || last === undefined) return byMember;
  const wanted = new Set(ids);
  const entries = dense
    ? await db.pointsLedger.where('[memberId+at]').between([first, -Infinity], [last, Infinity]).toArray()
    : (await Promise.all(ids.map((id) => db.pointsLedger.where('[memberId+at]').between([id, -Infinity], [id, Infinity]).toArray()))).flat();
  for (const e of entries) {
    if (!wanted.has(e.memberId)) continue;
    const list = byMember.get(e.memberId);
    if (list) list.push(e);
    else byMember.set(e.memberId, [e]);
  }
  return byMember;
}

async function reviewTiers(db: ShopDB, ctx: CommandContext, now: number): Promise<number> {
  let downgraded = 0;
  let after: string | null = null;
  for (;;) {
    const from: string | null = after;
    const ids: string[] =
      from === null
        ? await db.members.orderBy(':id').limit(DAILY_CHUNK).primaryKeys()
        : await db.members.where(':id').above(from).limit(DAILY_CHUNK).primaryKeys();
    if (ids.length === 0) break;
    after = ids[ids.length - 1] ?? null;
    downgraded += await db.transaction('rw', [db.members, db.sales, db.tierHistory, db.tiers, db.settings], async () => {
      const [tiers, settings] = await Promise.all([getTiers(db), getSettings(db)]);
      if (tiers.length === 0) return 0;
      const basis = settings.tierBasis;
      const changes: TierChange[] = [];
      for (const member of await db.members.bulkGet(ids)) {
        if (!member || member.deletedAt !== undefined) continue;
        const rank = tierRank(tiers, member.tierId);
        if (rank === 0) continue; // the lowest tier cannot go lower
        const standing: Standing =
          basis === 'lifetimeSpend' || basis === 'growth'
            ? { lifetimeSpendFen: member.lifetimeSpendFen, rollingSpendFen: 0, visits12: 0, growth: member.growthValue ?? 0 }
            : standingFrom(
                member.lifetimeSpendFen,
                await db.sales.where('[memberId+at]').between([member.id, windowStart(now)], [member.id, Infinity]).toArray(),
              );
        if (rank > 0 && tierRank(tiers, qualifyingTierBy(tiers, standing, basis).id) >= rank) continue;
        const reached = await db.tierHistory.where('[memberId+at]').between([member.id, -Infinity], [member.id, Infinity]).last();
        const reachedAt = reached?.at ?? member.createdAt;
        const graceEndsAt = settings.tierGraceMonths > 0 ? addMonthsToInstant(reachedAt, settings.tierGraceMonths) : reachedAt;
        const target = tierAfterReview(tiers, member.tierId, standing, basis, graceEndsAt, now);
        if (!target || target.id === member.tierId) continue;
        changes.push({
          id: ctx.newId(),
          memberId: member.id,
          at: now,
          fromTierId: member.tierId,
          toTierId: target.id,
          reason: 'review',
          createdAt: now,
          updatedAt: now,
        });
        await db.members.update(member.id, { tierId: target.id, updatedAt: now });
      }
      await db.tierHistory.bulkAdd(changes);
      return changes.length;
    });
    await yieldToPage();
  }
  return downgraded;
}

/** Give the event loop back (rendering, input) between two chunks. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
