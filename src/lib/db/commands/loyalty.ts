import { addDays, addMonthsToInstant, localDateOf } from '../../domain/clock';
import { couponCode, type Coupon, type CouponReason, type CouponTemplate } from '../../domain/coupon';
import { DomainError, type LoyaltyError } from '../../domain/errors';
import { pointsRow } from '../../domain/points';
import { storedValueBalance, topUpBonus, topUpRefund, type StoredValueEntry } from '../../domain/stored-value';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import { expireDuePoints, memberStateTables } from '../member-state';
import { getSettings } from '../queries/settings';
import type { ShopDB } from '../shop-db';

function refuse(reason: LoyaltyError): never {
  throw new DomainError({ code: 'loyalty', reason });
}

async function liveMember(db: ShopDB, id: string) {
  const m = await db.members.get(id);
  if (!m || m.deletedAt !== undefined) throw new DomainError({ code: 'notFound', entity: 'member' });
  return m;
}

/** Points granted or deducted by the owner, with the reason recorded. */
export async function adjustPoints(
  db: ShopDB,
  req: { memberId: string; points: number; reason: string },
  ctx: CommandContext,
): Promise<void> {
  requireOwner(ctx, 'adjustPoints');
  if (!Number.isInteger(req.points) || req.points === 0 || Math.abs(req.points) > 10_000_000) refuse('amountRange');
  if (req.reason.trim() === '') refuse('reasonRequired');
  await db.transaction('rw', [...memberStateTables(db), db.auditLog], async () => {
    const member = await expireDuePoints(db, await liveMember(db, req.memberId), ctx);
    if (member.pointsBalance + req.points < 0) refuse('pointsOverBalance');
    const settings = await getSettings(db);
    const now = ctx.clock.now();
    const expiresAt = req.points > 0 && settings.pointsExpiryMonths > 0 ? addMonthsToInstant(now, settings.pointsExpiryMonths) : null;
    await db.pointsLedger.add(pointsRow(ctx.newId(), member.id, now, 'adjust', req.points, null, expiresAt, { reason: req.reason.trim() }));
    await db.members.update(member.id, { pointsBalance: member.pointsBalance + req.points, updatedAt: now });
    await db.auditLog.add(auditRow(ctx, 'adjustPoints', member.id, `${req.points > 0 ? '+' : ''}${req.points}`));
  });
}

/** Redeem a catalogue gift: points and stock go down together, or neither does. */
export async function redeemGift(db: ShopDB, req: { memberId: string; giftId: string }, ctx: CommandContext): Promise<void> {
  await db.transaction('rw', [...memberStateTables(db), db.gifts], async () => {
    const gift = await db.gifts.get(req.giftId);
    if (!gift || !gift.active) throw new DomainError({ code: 'notFound', entity: 'gift' });
    if (gift.stock < 1) refuse('outOfStock');
    const member = await expireDuePoints(db, await liveMember(db, req.memberId), ctx);
    if (member.pointsBalance < gift.pointsCost) refuse('pointsOverBalance');
    const now = ctx.clock.now();
    await db.pointsLedger.add(pointsRow(ctx.newId(), member.id, now, 'redeem', -gift.pointsCost, null, null, { reason: gift.name }));
    await db.gifts.update(gift.id, { stock: gift.stock - 1, updatedAt: now });
    await db.members.update(member.id, { pointsBalance: member.pointsBalance - gift.pointsCost, updatedAt: now });
  });
}

/** Issue a coupon from a template; bought with points when `withPoints` (the template's price). */
export async function issueCoupon(
  db: ShopDB,
  req: { templateId: string; memberId: string; reason: CouponReason; withPoints?: boolean },
  ctx: CommandContext,
  randomBytes: () => Uint8Array = () => crypto.getRandomValues(new Uint8Array(8)),
): Promise<Coupon> {
  return db.transaction('rw', [...memberStateTables(db), db.couponTemplates, db.coupons], async () => {
    const template = await db.couponTemplates.get(req.templateId);
    if (!template) throw new DomainError({ code: 'notFound', entity: 'template' });
    if (!template.active) refuse('templateInactive');
    const now = ctx.clock.now();
    let member = await liveMember(db, req.memberId);
    if (req.withPoints) {
      if (template.pointsCost < 1) refuse('amountRange');
      member = await expireDuePoints(db, member, ctx);
      if (member.pointsBalance < template.pointsCost) refuse('pointsOverBalance');
      await db.pointsLedger.add(pointsRow(ctx.newId(), member.id, now, 'redeem', -template.pointsCost, null, null, { reason: template.name }));
      await db.members.update(member.id, { pointsBalance: member.pointsBalance - template.pointsCost, updatedAt: now });
    }
    return addCoupon(db, template, member.id, req.withPoints ? 'points' : req.reason, ctx, randomBytes);
  });
}

/**
 * Inside a caller's transaction (with db.coupons): write a coupon from a template with a fresh
 * unique code. Used by manual issue and by the automatic rewards (referral, birthday).
 */
export async function addCoupon(
  db: ShopDB,
  template: CouponTemplate,
  memberId: string,
  reason: CouponReason,
  ctx: CommandContext,
  randomBytes: () => Uint8Array = () => crypto.getRandomValues(new Uint8Array(8)),
): Promise<Coupon> {
  let code = couponCode(randomBytes());
  while (await db.coupons.where('code').equals(code).count()) code = couponCode(randomBytes());
  const coupon = couponFrom(template, { id: ctx.newId(), memberId, code, reason, now: ctx.clock.now() });
  await db.coupons.add(coupon);
  return coupon;
}

function couponFrom(
  t: CouponTemplate,
  c: { id: string; memberId: string; code: string; reason: CouponReason; now: number },
): Coupon {
  // Valid through the end of the last day.
  const lastDay = addDays(localDateOf(c.now), Math.max(t.validDays, 1) - 1);
  const [y, m, d] = lastDay.split('-').map(Number);
  const expiresAt = new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1).getTime();
  return {
    id: c.id,
    templateId: t.id,
    memberId: c.memberId,
    code: c.code,
    name: t.name,
    kind: t.kind,
    valueFen: t.valueFen,
    percentBp: t.percentBp,
    minSpendFen: t.minSpendFen,
    category: t.category,
    reason: c.reason,
    issuedAt: c.now,
    expiresAt,
    usedSaleId: null,
    usedAt: null,
    createdAt: c.now,
    updatedAt: c.now,
  };
}

/** A top-up (充值) with the bonus of the highest rule it meets; principal and bonus kept apart. */
export async function topUp(
  db: ShopDB,
  req: { memberId: string; amountFen: number; paymentMethod: string },
  ctx: CommandContext,
): Promise<StoredValueEntry> {
  if (!Number.isSafeInteger(req.amountFen) || req.amountFen <= 0 || req.amountFen > 100_000_000) refuse('amountRange');
  return db.transaction('rw', [db.members, db.storedValueLedger, db.settings], async () => {
    const member = await liveMember(db, req.memberId);
    const settings = await getSettings(db);
    const now = ctx.clock.now();
    const entry: StoredValueEntry = {
      id: ctx.newId(),
      memberId: member.id,
      at: now,
      kind: 'topup',
      principalFen: req.amountFen,
      bonusFen: topUpBonus(req.amountFen, settings.topUpRules),
      saleId: null,
      topUpId: null,
      paymentMethod: req.paymentMethod,
      reason: '',
      createdAt: now,
      updatedAt: now,
    };
    await db.storedValueLedger.add(entry);
    await db.members.update(member.id, { storedValueFen: member.storedValueFen + entry.principalFen + entry.bonusFen, updatedAt: now });
    return entry;
  });
}

/** Refund a top-up: its principal goes back to the member, its unspent bonus is removed. */
export async function refundTopUp(db: ShopDB, req: { topUpId: string }, ctx: CommandContext): Promise<StoredValueEntry> {
  requireOwner(ctx, 'adjustStoredValue');
  return db.transaction('rw', [db.members, db.storedValueLedger, db.auditLog], async () => {
    const topUpEntry = await db.storedValueLedger.get(req.topUpId);
    if (!topUpEntry || topUpEntry.kind !== 'topup') refuse('notATopUp');
    const member = await liveMember(db, topUpEntry.memberId);
    const rows = await db.storedValueLedger.where('[memberId+at]').between([member.id, -Infinity], [member.id, Infinity]).toArray();
    if (rows.some((r) => r.kind === 'topupRefund' && r.topUpId === topUpEntry.id)) refuse('alreadyRefunded');
    const back = topUpRefund(topUpEntry, storedValueBalance(rows));
    if (!back) refuse('storedValueSpent');
    const now = ctx.clock.now();
    const entry: StoredValueEntry = {
      id: ctx.newId(),
      memberId: member.id,
      at: now,
      kind: 'topupRefund',
      principalFen: back.principalFen,
      bonusFen: back.bonusFen,
      saleId: null,
      topUpId: topUpEntry.id,
      paymentMethod: topUpEntry.paymentMethod,
      reason: '',
      createdAt: now,
      updatedAt: now,
    };
    await db.storedValueLedger.add(entry);
    await db.members.update(member.id, { storedValueFen: member.storedValueFen + back.principalFen + back.bonusFen, updatedAt: now });
    await db.auditLog.add(auditRow(ctx, 'adjustStoredValue', member.id, `top-up refund ${back.principalFen + back.bonusFen} fen`));
    return entry;
  });
}
