import { DomainError } from '../../domain/errors';
import { isValidScore, type Feedback } from '../../domain/event';
import type { CommandContext } from '../context';
import type { ShopDB } from '../shop-db';

export const COMMENT_MAX = 500;

/**
 * Her optional 1–5 score and comment after a purchase, on her timeline. One row per sale (its id is the
 * sale's), so asking again changes the answer instead of counting her twice.
 */
export async function recordSaleFeedback(
  db: ShopDB,
  req: { saleId: string; score: number; comment: string },
  ctx: CommandContext,
): Promise<Feedback> {
  if (!isValidScore(req.score)) throw new DomainError({ code: 'invalid', field: 'score' });
  if (req.comment.length > COMMENT_MAX) throw new DomainError({ code: 'invalid', field: 'comment' });
  return db.transaction('rw', [db.sales, db.feedback], async () => {
    const sale = await db.sales.get(req.saleId);
    if (!sale || sale.refundOf !== null) throw new DomainError({ code: 'notFound', entity: 'sale' });
    if (sale.memberId === null) throw new DomainError({ code: 'invalid', field: 'member' });
    const now = ctx.clock.now();
    const old = await db.feedback.get(sale.id);
    const row: Feedback = {
      id: sale.id,
      memberId: sale.memberId,
      at: old?.at ?? now,
      score: req.score,
      comment: req.comment.trim(),
      source: 'sale',
      subjectId: sale.id,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    await db.feedback.put(row);
    return row;
  });
}
