import { localDateOf } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { nextTerm, type PaidMembership } from '../../domain/paid-membership';
import type { CommandContext } from '../context';
import { getSettings } from '../queries/settings';
import type { ShopDB } from '../shop-db';

/** Buy or renew the shop's paid card for a member: one new term row, continuing any current term. */
export async function buyPaidMembership(
  db: ShopDB,
  req: { memberId: string; paymentMethod: string },
  ctx: CommandContext,
): Promise<PaidMembership> {
  return db.transaction('rw', [db.members, db.paidMemberships, db.settings], async () => {
    const member = await db.members.get(req.memberId);
    if (!member || member.deletedAt !== undefined) throw new DomainError({ code: 'notFound', entity: 'member' });
    const plan = (await getSettings(db)).paidPlan;
    if (!plan) throw new DomainError({ code: 'loyalty', reason: 'noPaidPlan' });
    const now = ctx.clock.now();
    const terms = await db.paidMemberships.where('memberId').equals(member.id).toArray();
    const term = nextTerm(terms, plan.termMonths, localDateOf(now));
    const row: PaidMembership = {
      id: ctx.newId(),
      memberId: member.id,
      planName: plan.name,
      feeFen: plan.feeFen,
      paymentMethod: req.paymentMethod,
      ...term,
      freeDelivery: plan.freeDelivery,
      createdAt: now,
      updatedAt: now,
    };
    await db.paidMemberships.add(row);
    return row;
  });
}
