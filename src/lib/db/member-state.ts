import { expiryRows } from '../domain/lots';
import type { Member } from '../domain/member';
import type { CommandContext } from './context';
import { storedValueBalance, type StoredValueBalance } from '../domain/stored-value';
import { standingFrom, usesWindow, windowStart, type Standing, type TierBasis } from '../domain/tier';
import type { ShopDB } from './shop-db';

/** Tables `loadMemberState` reads and writes: include them in the calling transaction. */
export function memberStateTables(db: ShopDB) {
  return [db.members, db.sales, db.pointsLedger, db.storedValueLedger];
}

/**
 * Inside a command's transaction: write the member's due points expiries, so no one spends a lot
 * that has run out. A balance at or below zero has no live lot to expire — every write to the
 * ledger expires what is due first, and a deficit is repaid before a new lot keeps anything — so
 * her ledger is read only when she has points.
 */
export async function expireDuePoints(db: ShopDB, member: Member, ctx: CommandContext): Promise<Member> {
  if (member.pointsBalance <= 0) return member;
  const now = ctx.clock.now();
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
    standing: standingFrom(current.lifetimeSpendFen, recentSales),
  };
}
