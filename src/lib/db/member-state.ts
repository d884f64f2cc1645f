import { expiryRows } from '../domain/lots';
import type { Member } from '../domain/member';
import type { CommandContext } from './context';
import { storedValueBalance, type StoredValueBalance } from '../domain/stored-value';
import { standingFrom, usesWindow, windowStart, type Standing, type TierBasis } from '../domain/tier';
import type { ShopDB } from './shop-db';

/** Tables `loadMemberState` reads and writes: include them in the calling transaction. */
export function memberStateTables(db: ShopDB) {
  return [db.members, db.sales, db.pointsLedger, db.storedValueLedger, db.settings, db.growthLedger];
}

/**
 * The `settings` row holding when the daily jobs last finished (epoch ms). Their expiry step gives
 * every lot due by then its `expire` row, so it also marks how far all expiries are done.
 */
export const LAST_DAILY_RUN_KEY = 'lastDailyRun';

/**
 * Whether the member may hold a lot that is due and not yet expired. Once the daily jobs have run
 * (at `since`), only lots falling due after that can be: the few shop-wide lots in (since, now],
 * found through the `expiresAt` index — much cheaper than replaying her whole ledger.
 */
async function mayHaveDueLots(db: ShopDB, memberId: string, now: number): Promise<boolean> {
  const since = (await db.settings.get(LAST_DAILY_RUN_KEY))?.value;
  // Never run, or run "in the future" (the clock was wrong then): it bounds nothing.
  if (typeof since !== 'number' || since > now) return true;
  const due = await db.pointsLedger
    .where('expiresAt')
    .between(since, now, false, true)
    .filter((e) => e.memberId === memberId)
    .first();
  return due !== undefined;
}

/**
 * Inside a command's transaction: write the member's due points expiries, so no one spends a lot
 * that has run out. A balance at or below zero has no live lot to expire — every write to the
 * ledger expires what is due first, and a deficit is repaid before a new lot keeps anything — so
 * her ledger is read only when she has points and a lot of hers may have fallen due.
 */
export async function expireDuePoints(db: ShopDB, member: Member, ctx: CommandContext): Promise<Member> {
  if (member.pointsBalance <= 0) return member;
  const now = ctx.clock.now();
  if (!(await mayHaveDueLots(db, member.id, now))) return member;
  const points = await db.pointsLedger.where('[memberId+at]').between([member.id, -Infinity], [member.id, Infinity]).toArray();
  const expired = expiryRows(member.id, points, now, ctx.newId);
  if (expired.length === 0) return member;
  await db.pointsLedger.bulkAdd(expired);
  const current = { ...member, pointsBalance: member.pointsBalance + expired.reduce((s, e) => s + e.points, 0), updatedAt: now };
  await db.members.put(current);
  return current;
}

/**
 * Inside a command's transaction: due expiries first (see expireDuePoints), then what the loyalty
 * rules need — her stored value split and her standing under the tier rule `basis`. Each ledger is
 * read only when it can matter (a checkout reads little): the stored-value split only when her
 * balance is not zero, the 12-month sales only when the tier rule looks at them.
 */
export async function loadMemberState(
  db: ShopDB,
  member: Member,
  ctx: CommandContext,
  basis: TierBasis,
): Promise<{ member: Member; storedValue: StoredValueBalance; standing: Standing }> {
  const now = ctx.clock.now();
  const current = await expireDuePoints(db, member, ctx);
  const [svRows, recentSales] = await Promise.all([
    current.storedValueFen === 0
      ? []
      : db.storedValueLedger.where('[memberId+at]').between([member.id, -Infinity], [member.id, Infinity]).toArray(),
    usesWindow(basis) ? db.sales.where('[memberId+at]').between([member.id, windowStart(now)], [member.id, Infinity]).toArray() : [],
  ]);
  return {
    member: current,
    storedValue: storedValueBalance(svRows),
    standing: standingFrom(current.lifetimeSpendFen, recentSales, current.growthValue ?? 0),
  };
}
