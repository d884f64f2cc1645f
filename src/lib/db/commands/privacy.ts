/**
 * Members' personal data. Erasure on request (PIPL): her personal fields and babies go for real; her
 * sales, ledgers and coupons stay, tied to an anonymous row (erasedMember), so the shop's books still
 * add up. Irreversible, so the owner's PIN is asked again first.
 */
import { DomainError } from '../../domain/errors';
import { erasedMember } from '../../domain/member';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import type { ShopDB } from '../shop-db';
import { confirmOwnerPin } from './staff';

export async function eraseMember(db: ShopDB, req: { memberId: string; ownerPin: string }, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'eraseMember');
  await confirmOwnerPin(db, req.ownerPin, ctx);
  const now = ctx.clock.now();
  await db.transaction('rw', [db.members, db.babies, db.feedback, db.eventSignups, db.auditLog], async () => {
    const member = await db.members.get(req.memberId);
    if (!member || member.erasedAt !== undefined) throw new DomainError({ code: 'notFound', entity: 'member' });
    await db.members.put(erasedMember(member, now));
    await db.babies.where('memberId').equals(member.id).delete();
    // What she wrote in her own words may name her or her family; the scores stay for the averages.
    await db.feedback.where('[memberId+at]').between([member.id, -Infinity], [member.id, Infinity]).modify({ comment: '', updatedAt: now });
    await db.eventSignups.where('memberId').equals(member.id).modify({ comment: '', updatedAt: now });
    await db.auditLog.add(auditRow(ctx, 'eraseMember', member.id));
  });
}

/** An assistant sees phones masked; showing one in full is on record (who, whose, when). */
export async function revealPhone(db: ShopDB, memberId: string, ctx: CommandContext): Promise<string> {
  return db.transaction('rw', [db.members, db.auditLog], async () => {
    const member = await db.members.get(memberId);
    if (!member || member.erasedAt !== undefined) throw new DomainError({ code: 'notFound', entity: 'member' });
    await db.auditLog.add(auditRow(ctx, 'revealPhone', member.id));
    return member.phone;
  });
}
