import { expiryRows } from '../domain/lots';
import type { Member } from '../domain/member';
import type { CommandContext } from './context';
import { storedValueBalance, type StoredValueBalance } from '../domain/stored-value';
import { standingFrom, windowStart, type Standing } from '../domain/tier';
import type { ShopDB } from './shop-db';

/** Tables `loadMemberState` reads and writes: include them in the calling transaction. */
export function memberStateTables(db: ShopDB) {
  return [db.members, db.sales, db.pointsLedger, db.storedValueLedger];
}

/**
 * Inside a command's transaction: first write the member's due points expiries (so no one spends a
 * lot that has run out), then read what the loyalty rules need — her stored value split and her
 * standing for the tier rules (spend and visits of the last 12 months).
 */
export async function loadMemberState(
  db: ShopDB,
  member: Member,
  ctx: CommandContext,
): Promise<{ member: Member; storedValue: StoredValueBalance; standing: Standing }> {
  const now = ctx.clock.now();
  const points = await db.pointsLedger.where('[memberId+at]').between([member.id, -Infinity], [member.id, Infinity]).toArray();
  const expired = expiryRows(member.id, points, now, ctx.newId);
  let current = member;
  if (expired.length > 0) {
    await db.pointsLedger.bulkAdd(expired);
    const pointsBalance = member.pointsBalance + expired.reduce((s, e) => s + e.points, 0);
    await db.members.update(member.id, { pointsBalance, updatedAt: now });
    current = { ...member, pointsBalance, updatedAt: now };
  }
  const [svRows, recentSales] = await Promise.all([
    db.storedValueLedger.where('[memberId+at]').between([member.id, -Infinity], [member.id, Infinity]).toArray(),
    db.sales.where('[memberId+at]').between([member.id, windowStart(now)], [member.id, Infinity]).toArray(),
  ]);
  return {
    member: current,
    storedValue: storedValueBalance(svRows),
    standing: standingFrom(current.lifetimeSpendFen, recentSales),
  };
}
