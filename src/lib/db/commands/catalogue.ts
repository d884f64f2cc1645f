import { splitHoldout, validateCampaign, validateTarget, type Campaign, type CampaignInput, type CampaignTarget } from '../../domain/campaign';
import { validateCouponTemplate, type CouponTemplate, type CouponTemplateInput } from '../../domain/coupon';
import { DomainError } from '../../domain/errors';
import { validateGift, type Gift } from '../../domain/gift';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import type { ShopDB } from '../shop-db';
import { addCoupon } from './loyalty';

/**
 * The owner's loyalty catalogue: coupon templates, gifts of the points catalogue (积分商城) and
 * campaigns. Each save validates first (nothing is written when a field is wrong), then writes one
 * row in one transaction: a new row gets an id and createdAt; an edit keeps both and moves updatedAt.
 * Nothing here is ever deleted: templates and gifts are deactivated (issued coupons and past
 * redemptions keep their own copies), campaigns end on their end date.
 */

export type GiftInput = Pick<Gift, 'name' | 'pointsCost' | 'stock' | 'active'>;

function refuseInvalid(errors: object): void {
  const field = Object.keys(errors)[0];
  if (field) throw new DomainError({ code: 'invalid', field });
}

export async function saveCouponTemplate(
  db: ShopDB,
  input: CouponTemplateInput & { id?: string },
  ctx: CommandContext,
): Promise<CouponTemplate> {
  requireOwner(ctx, 'settings');
  refuseInvalid(validateCouponTemplate(input));
  const now = ctx.clock.now();
  return db.transaction('rw', [db.couponTemplates, db.auditLog], async () => {
    const old = input.id === undefined ? undefined : await db.couponTemplates.get(input.id);
    if (input.id !== undefined && !old) throw new DomainError({ code: 'notFound', entity: 'template' });
    const category = input.category?.trim() ?? null;
    const row: CouponTemplate = {
      id: old?.id ?? ctx.newId(),
      name: input.name.trim(),
      kind: input.kind,
      // Only the figure of the template's kind is kept; the other is neutral (0 off / full price).
      valueFen: input.kind === 'fixed' ? input.valueFen : 0,
      percentBp: input.kind === 'percent' ? input.percentBp : 10000,
      minSpendFen: input.minSpendFen,
      validDays: input.validDays,
      category: category === '' ? null : category,
      pointsCost: input.pointsCost,
      active: input.active,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    await db.couponTemplates.put(row);
    await db.auditLog.add(auditRow(ctx, 'settings', row.id, `coupon template: ${row.name}`));
    return row;
  });
}

export async function saveGift(
  db: ShopDB,
  input: GiftInput & { id?: string },
  ctx: CommandContext,
): Promise<Gift> {
  requireOwner(ctx, 'settings');
  refuseInvalid(validateGift(input));
  if (typeof input.active !== 'boolean') throw new DomainError({ code: 'invalid', field: 'active' });
  const now = ctx.clock.now();
  return db.transaction('rw', [db.gifts, db.auditLog], async () => {
    const old = input.id === undefined ? undefined : await db.gifts.get(input.id);
    if (input.id !== undefined && !old) throw new DomainError({ code: 'notFound', entity: 'gift' });
    const row: Gift = {
      id: old?.id ?? ctx.newId(),
      name: input.name.trim(),
      pointsCost: input.pointsCost,
      stock: input.stock,
      active: input.active,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    await db.gifts.put(row);
    await db.auditLog.add(auditRow(ctx, 'settings', row.id, `gift: ${row.name}`));
    return row;
  });
}

/**
 * Save a campaign. A new one may name its target — a segment's members as of now — which is split
 * into reached and hold-out here, once: editing a campaign never changes who was held out.
 */
export async function saveCampaign(
  db: ShopDB,
  input: CampaignInput & {
    id?: string;
    target?: { segmentId: string; segmentName: string; memberIds: readonly string[]; holdoutBp: number; costFen: number };
  },
  ctx: CommandContext,
  random: () => number = secureRandom,
): Promise<Campaign> {
  requireOwner(ctx, 'settings');
  refuseInvalid(validateCampaign(input));
  const bad = input.target ? validateTarget(input.target)[0] : undefined;
  if (bad) throw new DomainError({ code: 'invalid', field: bad });
  const now = ctx.clock.now();
  return db.transaction('rw', [db.campaigns, db.couponTemplates, db.coupons, db.members, db.auditLog], async () => {
    const old = input.id === undefined ? undefined : await db.campaigns.get(input.id);
    if (input.id !== undefined && !old) throw new DomainError({ code: 'notFound', entity: 'campaign' });
    // The kind and a dropped coupon cannot change once given: the coupons are already in hands.
    if (old && old.kind !== input.kind) throw new DomainError({ code: 'invalid', field: 'kind' });
    const row: Campaign = {
      id: old?.id ?? ctx.newId(),
      name: input.name.trim(),
      kind: input.kind,
      startDate: input.startDate,
      endDate: input.endDate,
      multiplierBp: input.multiplierBp,
      ...(input.kind === 'discount' ? { discountBp: input.discountBp, categories: [...new Set(input.categories ?? [])] } : {}),
      ...(input.kind === 'couponDrop' ? { couponTemplateId: old?.couponTemplateId ?? input.couponTemplateId } : {}),
      ...targetOf(old, input.target, random),
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    if (!old && row.kind === 'couponDrop') await dropCoupons(db, row, ctx);
    await db.campaigns.put(row);
    await db.auditLog.add(auditRow(ctx, 'settings', row.id, `campaign: ${row.name}`));
    return row;
  });
}

/** A new coupon-drop campaign gives one coupon from its template to each reached member. */
async function dropCoupons(db: ShopDB, c: Campaign, ctx: CommandContext): Promise<void> {
  if (!c.target) throw new DomainError({ code: 'invalid', field: 'segment' });
  const template = c.couponTemplateId ? await db.couponTemplates.get(c.couponTemplateId) : undefined;
  if (!template) throw new DomainError({ code: 'notFound', entity: 'template' });
  if (!template.active) throw new DomainError({ code: 'loyalty', reason: 'templateInactive' });
  const members = await db.members.bulkGet(c.target.treatedIds);
  for (const m of members) if (m && m.deletedAt === undefined) await addCoupon(db, template, m.id, 'campaign', ctx);
}

function targetOf(
  old: Campaign | undefined,
  target: { segmentId: string; segmentName: string; memberIds: readonly string[]; holdoutBp: number; costFen: number } | undefined,
  random: () => number,
): { target?: CampaignTarget } {
  if (old) return old.target ? { target: old.target } : {};
  if (!target) return {};
  const { treated, holdout } = splitHoldout(target.memberIds, target.holdoutBp, random);
  return {
    target: {
      segmentId: target.segmentId,
      segmentName: target.segmentName,
      holdoutBp: target.holdoutBp,
      costFen: target.costFen,
      treatedIds: treated,
      holdoutIds: holdout,
    },
  };
}

/** Uniform in [0, 1) from the platform's cryptographic source (a hold-out must not be guessable or biased). */
function secureRandom(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}
