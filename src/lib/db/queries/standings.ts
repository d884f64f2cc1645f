import type { Member } from '../../domain/member';
import type { Sale } from '../../domain/sale';
import { standingFrom, windowStart, type Standing, type TierBasis } from '../../domain/tier';
import type { ShopDB } from '../shop-db';

export type StandingOf = (member: Pick<Member, 'id' | 'lifetimeSpendFen' | 'growthValue'>) => Standing;

/**
 * Every member's standing for the tier rules at `now`, from one read of the sales in the 12-month
 * window (none at all for lifetime spend or growth value, which need only the member row). Call it inside
 * a transaction that includes `db.sales` when the answer must not move under you.
 */
export async function shopStandings(db: ShopDB, basis: TierBasis, now: number): Promise<StandingOf> {
  if (basis === 'lifetimeSpend' || basis === 'growth')
    return (m) => ({ lifetimeSpendFen: m.lifetimeSpendFen, rollingSpendFen: 0, visits12: 0, growth: m.growthValue ?? 0 });
  const recent = await db.sales.where('at').aboveOrEqual(windowStart(now)).toArray();
  const byMember = new Map<string, Sale[]>();
  for (const s of recent) {
    if (s.memberId === null) continue;
    const list = byMember.get(s.memberId);
    if (list) list.push(s);
    else byMember.set(s.memberId, [s]);
  }
  return (m) => standingFrom(m.lifetimeSpendFen, byMember.get(m.id) ?? [], m.growthValue ?? 0);
}
