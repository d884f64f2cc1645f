import { DomainError } from '../../domain/errors';
import { pointsRow } from '../../domain/points';
import type { Sale } from '../../domain/sale';
import { buildReturn, type ReturnLine, type ReturnRows } from '../../domain/refund';
import type { CommandContext } from '../context';
import { loadMemberState, memberStateTables } from '../member-state';
import { addSaleToRollups } from '../rollups';
import { getSettings, getTiers } from '../queries/settings';
import type { ShopDB } from '../shop-db';
import type { GrowthEntry } from '../../domain/growth';
import { growthLedgerOf } from '../queries/growth';

/**
 * Return some or all of a sale: a negative sale row referencing it, reversing ledger rows, the
 * coupon re-opened on a full return, and the member's caches and tier, in one transaction.
 */
export async function commitReturn(
  db: ShopDB,
  req: { saleId: string; lines: ReturnLine[] },
  ctx: CommandContext,
): Promise<ReturnRows> {
  const tables = [...memberStateTables(db), db.tierHistory, db.tiers, db.coupons, db.dailyRollups];
  return db.transaction('rw', tables, async () => {
    const sale = await db.sales.get(req.saleId);
    if (!sale) throw new DomainError({ code: 'notFound', entity: 'sale' });
    const [tiers, settings, priorReturns, member] = await Promise.all([
      getTiers(db),
      getSettings(db),
      db.sales.where('refundOf').equals(sale.id).toArray(),
      sale.memberId ? db.members.get(sale.memberId) : undefined,
    ]);
    const state = member ? await loadMemberState(db, member, ctx, settings.tierBasis) : null;
    const earnEntry = member
      ? await db.pointsLedger.where('saleId').equals(sale.id).filter((e) => e.kind === 'earn').first()
      : undefined;
    const coupon = sale.couponId ? ((await db.coupons.get(sale.couponId)) ?? null) : null;
    const growth = member ? saleGrowth(await growthLedgerOf(db, member.id), sale.id) : undefined;
    const built = buildReturn(
      {
        at: ctx.clock.now(),
        sale,
        priorReturns,
        lines: req.lines,
        member: state?.member ?? null,
        standing: state?.standing ?? { lifetimeSpendFen: 0, rollingSpendFen: 0, visits12: 0 },
        coupon,
        earnEntryId: earnEntry?.id ?? null,
        tiers,
        settings,
        assistantId: ctx.actorId,
        ...(growth ? { growth } : {}),
      },
      ctx.newId,
    );
    if (!built.ok) throw new DomainError({ code: 'return', reason: built.error });
    const rows = built.rows;
    await db.sales.add(rows.refund);
    await addSaleToRollups(db, rows.refund);
    if (rows.points.length > 0) await db.pointsLedger.bulkAdd(rows.points);
    if (rows.storedValue) await db.storedValueLedger.add(rows.storedValue);
    if (rows.coupon) await db.coupons.put(rows.coupon);
    if (rows.tierChange) await db.tierHistory.add(rows.tierChange);
    if (rows.growth) await db.growthLedger.add(rows.growth);
    if (state && rows.memberAggregates)
      await db.members.update(state.member.id, { ...rows.memberAggregates, updatedAt: rows.refund.at });
    if (rows.refund.fullReturn) await undoReferralReward(db, sale, ctx);
    return rows;
  });
}

/**
 * A referral is rewarded for a completed first purchase: when that purchase comes back in full, the
 * reward points are taken back (never below zero: a reward is not a debt, least of all the referrer's),
 * unused referral coupons of that moment expire, and her next first purchase may earn the reward again.
 */
async function undoReferralReward(db: ShopDB, sale: Sale, ctx: CommandContext): Promise<void> {
  const saleId = sale.id;
  const rewards = await db.pointsLedger.where('saleId').equals(saleId).filter((e) => e.kind === 'reward' && e.reason === 'referral').toArray();
  if (rewards.length === 0) return;
  const now = ctx.clock.now();
  for (const reward of rewards) {
    const member = await db.members.get(reward.memberId);
    if (!member) continue;
    const taken = Math.min(reward.points, Math.max(member.pointsBalance, 0));
    if (taken > 0) {
      await db.pointsLedger.add(pointsRow(ctx.newId(), member.id, now, 'reverse', -taken, saleId, null, { reason: 'referral', lotId: reward.id }));
      await db.members.update(member.id, { pointsBalance: member.pointsBalance - taken, updatedAt: now });
    }
    const coupons = await db.coupons.where('memberId').equals(member.id).filter((c) => c.reason === 'referral' && c.usedSaleId === null && c.issuedAt === reward.at).toArray();
    for (const c of coupons) await db.coupons.update(c.id, { expiresAt: now, updatedAt: now });
  }
  if (sale.memberId) await db.members.where('id').equals(sale.memberId).modify((m) => void delete m.referralRewardedAt);
}

/** The growth a sale gave (its purchase row) and what its returns took back so far; undefined without a purchase row. */
function saleGrowth(ledger: readonly GrowthEntry[], saleId: string) {
  const given = ledger.find((e) => e.kind === 'purchase' && e.saleId === saleId);
  if (!given) return undefined;
  const takenBack = { spend: 0, visit: 0 };
  for (const e of ledger)
    if (e.kind === 'return' && e.saleId === saleId) {
      takenBack.spend -= e.spend ?? 0;
      takenBack.visit -= e.visit ?? 0;
    }
  return { spend: given.spend ?? 0, visit: given.visit ?? 0, takenBack };
}
