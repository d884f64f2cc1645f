import { buildCheckout, type CartLine, type CheckoutRows } from '../../domain/checkout';
import { DomainError } from '../../domain/errors';
import type { PaymentMethod } from '../../domain/sale';
import type { CommandContext } from '../context';
import { getSettings, getTiers } from '../queries/settings';
import type { ShopDB } from '../shop-db';

export interface CheckoutRequest {
  memberId: string | null;
  lines: CartLine[];
  paymentMethod: PaymentMethod;
}

/**
 * Ring up a sale: the sale row, its points entry, the tier change and the member's cached
 * aggregates are written in one transaction, from state read inside that same transaction.
 */
export async function commitCheckout(db: ShopDB, req: CheckoutRequest, ctx: CommandContext): Promise<CheckoutRows> {
  const tables = [db.members, db.sales, db.pointsLedger, db.tierHistory, db.tiers, db.settings];
  return db.transaction('rw', tables, async () => {
    const member = req.memberId ? await db.members.get(req.memberId) : null;
    if (req.memberId && (!member || member.deletedAt !== undefined))
      throw new DomainError({ code: 'notFound', entity: 'member' });
    const [tiers, settings] = await Promise.all([getTiers(db), getSettings(db)]);
    const built = buildCheckout(
      {
        at: ctx.clock.now(),
        member: member ?? null,
        tiers,
        settings,
        lines: req.lines,
        paymentMethod: req.paymentMethod,
        assistantId: ctx.actorId,
      },
      ctx.newId,
    );
    if (!built.ok) throw new DomainError({ code: 'checkout', reason: built.error });
    const { sale, pointsEntry, memberAggregates, tierChange } = built.rows;
    await db.sales.add(sale);
    if (pointsEntry) await db.pointsLedger.add(pointsEntry);
    if (tierChange) await db.tierHistory.add(tierChange);
    if (member && memberAggregates) await db.members.update(member.id, { ...memberAggregates, updatedAt: sale.at });
    return built.rows;
  });
}
