import type { Coupon } from '../../domain/coupon';
import { DomainError } from '../../domain/errors';
import { validateSegment, type Segment, type SegmentFilter } from '../../domain/segment';
import type { CommandContext } from '../context';
import type { ShopDB } from '../shop-db';
import { addCoupon } from './loyalty';

/** Save a segment (new, or the one named by `id`); refuses a bad name or range. */
export async function saveSegment(
  db: ShopDB,
  input: { id?: string; name: string; filter: SegmentFilter },
  ctx: CommandContext,
): Promise<Segment> {
  const problem = validateSegment(input.name, input.filter)[0];
  if (problem) throw new DomainError({ code: 'invalid', field: problem });
  const now = ctx.clock.now();
  return db.transaction('rw', db.segments, async () => {
    const existing = input.id ? await db.segments.get(input.id) : undefined;
    if (input.id && !existing) throw new DomainError({ code: 'notFound', entity: 'segment' });
    const row: Segment = {
      id: existing?.id ?? ctx.newId(),
      name: input.name.trim(),
      filter: structuredClone(input.filter),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await db.segments.put(row);
    return row;
  });
}

/** A saved filter is not business data: removing it loses no history. */
export async function deleteSegment(db: ShopDB, id: string): Promise<void> {
  await db.segments.delete(id);
}

/** One coupon from the template for each member named, all in one transaction (all or none). */
export async function issueCouponToMembers(
  db: ShopDB,
  req: { templateId: string; memberIds: readonly string[] },
  ctx: CommandContext,
): Promise<Coupon[]> {
  return db.transaction('rw', [db.couponTemplates, db.coupons, db.members], async () => {
    const template = await db.couponTemplates.get(req.templateId);
    if (!template) throw new DomainError({ code: 'notFound', entity: 'template' });
    if (!template.active) throw new DomainError({ code: 'loyalty', reason: 'templateInactive' });
    const ids = [...new Set(req.memberIds)];
    const members = await db.members.bulkGet(ids);
    if (members.some((m) => !m || m.deletedAt !== undefined)) throw new DomainError({ code: 'notFound', entity: 'member' });
    const coupons: Coupon[] = [];
    for (const id of ids) coupons.push(await addCoupon(db, template, id, 'campaign', ctx));
    return coupons;
  });
}
