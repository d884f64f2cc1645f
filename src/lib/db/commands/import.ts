import { localDateOf } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import type { Member } from '../../domain/member';
import { openingPointsId, openingStoredValueId, type MemberImportWrite } from '../../domain/member-import';
import { reversePhone } from '../../domain/phone';
import type { PointsEntry } from '../../domain/points';
import type { Sale, TierChange } from '../../domain/sale';
import { sortTiers } from '../../domain/tier';
import type { Id } from '../../domain/ids';
import type { Product } from '../../domain/product';
import { importedProductRow, type ProductImportWrite } from '../../domain/product-import';

import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import { addSalesToRollups } from '../rollups';
import type { ShopDB } from '../shop-db';
import { recountMembers } from './recount';

const CHUNK = 500;

/**
 * Import members: every row in ONE transaction (all or nothing). New members join the lowest tier with
 * a registration entry; opening balances become ledger rows of kind 'opening' (fixed ids, so a repeat
 * import finds them) and the members' cached balances move with them. The plan was made outside the
 * transaction, so phones are checked again inside it: a member registered meanwhile fails the import.
 */
export async function commitMemberImport(
  db: ShopDB,
  rows: readonly MemberImportWrite[],
  ctx: CommandContext,
  onProgress?: (done: number, total: number) => void,
): Promise<{ created: number; updated: number }> {
  requireOwner(ctx, 'import');
  const now = ctx.clock.now();
  const tables = [db.members, db.tiers, db.tierHistory, db.pointsLedger, db.storedValueLedger, db.auditLog];
  return db.transaction('rw', tables, async () => {
    const lowest = sortTiers(await db.tiers.toArray())[0];
    if (!lowest) throw new DomainError({ code: 'notFound', entity: 'tier' });
    const phones = rows.map((r) => r.member.phone);
    const onFile = new Map(
      (await db.members.where('phone').anyOf(phones).toArray()).map((m) => [m.phone, m]),
    );
    let created = 0;
    let updated = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const members: Member[] = [];
      const history: TierChange[] = [];
      const points: PointsEntry[] = [];
      const stored: Record<string, unknown>[] = [];
      for (const r of chunk) {
        const m = r.member;
        const existing = onFile.get(m.phone);
        if (r.existingId === null && existing)
          throw new DomainError({ code: 'duplicatePhone', memberId: existing.id });
        if (r.existingId !== null && existing?.id !== r.existingId)
          throw new DomainError({ code: 'notFound', entity: 'member' });
        const base: Member = existing ?? {
          id: ctx.newId(),
          name: m.name ?? '',
          phone: m.phone,
          phoneRev: reversePhone(m.phone),
          gender: 'unknown',
          birthday: null,
          region: '',
          address: '',
          wechat: '',
          email: '',
          tags: [],
          notes: '',
          joinedOn: m.joinedOn ?? localDateOf(now),
          referrerId: null,
          registeredBy: ctx.actorId,
          consent: { sms: false, wechat: false, email: false },
          tierId: lowest.id,
          pointsBalance: 0,
          storedValueFen: 0,
          lifetimeSpendFen: 0,
          visitCount: 0,
          lastPurchaseAt: null,
          createdAt: now,
          updatedAt: now,
        };
        const next: Member = { ...base, updatedAt: now };
        for (const f of [
          'name',
          'gender',
          'birthday',
          'tags',
          'notes',
          'region',
          'address',
          'wechat',
          'email',
        ] as const)
          if (m[f] !== undefined) (next as unknown as Record<string, unknown>)[f] = m[f];
        if (r.openingPoints !== null) {
          next.pointsBalance += r.openingPoints;
          points.push({
            id: openingPointsId(next.id),
            memberId: next.id,
            at: now,
            kind: 'opening',
            points: r.openingPoints,
            saleId: null,
            expiresAt: null,
            lotId: null,
            reason: 'import',
            createdAt: now,
            updatedAt: now,
          });
        }
        if (r.openingStoredValueFen !== null) {
          next.storedValueFen += r.openingStoredValueFen;
          stored.push({
            id: openingStoredValueId(next.id),
            memberId: next.id,
            at: now,
            kind: 'opening',
            principalFen: r.openingStoredValueFen,
            bonusFen: 0,
            saleId: null,
            topUpId: null,
            paymentMethod: null,
            reason: 'import',
            createdAt: now,
            updatedAt: now,
          });
        }
        if (!existing) {
          created += 1;
          history.push({
            id: ctx.newId(),
            memberId: next.id,
            at: now,
            fromTierId: null,
            toTierId: lowest.id,
            reason: 'registration',
            createdAt: now,
            updatedAt: now,
          });
        } else updated += 1;
        members.push(next);
        onFile.set(m.phone, next);
      }
      await db.members.bulkPut(members);
      await db.tierHistory.bulkAdd(history);
      await db.pointsLedger.bulkAdd(points);
      await db.table('storedValueLedger').bulkAdd(stored);
      onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
    }
    await db.auditLog.add(auditRow(ctx, 'import', null, `members: ${created} new, ${updated} updated`));
    return { created, updated };
  });
}

/**
 * Import products: every row in ONE transaction, matched by SKU. The plan was made outside it, so a
 * product added meanwhile with one of the new SKUs fails the import (nothing is written).
 */
export async function commitProductImport(
  db: ShopDB,
  rows: readonly ProductImportWrite[],
  ctx: CommandContext,
  onProgress?: (done: number, total: number) => void,
): Promise<{ created: number; updated: number }> {
  requireOwner(ctx, 'import');
  const now = ctx.clock.now();
  return db.transaction('rw', [db.products, db.auditLog], async () => {
    const skus = rows.map((r) => r.product.sku);
    const onFile = new Map((await db.products.where('sku').anyOf(skus).toArray()).map((p) => [p.sku, p]));
    let created = 0;
    const products: Product[] = rows.map((r) => {
      const existing = onFile.get(r.product.sku);
      if (r.existingId === null && existing)
        throw new DomainError({ code: 'duplicateSku', productId: existing.id });
      if (r.existingId !== null && existing?.id !== r.existingId)
        throw new DomainError({ code: 'notFound', entity: 'product' });
      if (!existing) created += 1;
      return importedProductRow(r.product, existing, ctx.newId(), now);
    });
    for (let i = 0; i < products.length; i += CHUNK) {
      await db.products.bulkPut(products.slice(i, i + CHUNK));
      onProgress?.(Math.min(i + CHUNK, products.length), products.length);
    }
    const updated = products.length - created;
    await db.auditLog.add(auditRow(ctx, 'import', null, `products: ${created} new, ${updated} updated`));
    return { created, updated };
  });
}

/**
 * Import past sales: every sale in ONE transaction, added (a sale imported meanwhile fails the
 * import), summed into the daily rollups, and their members' spend, visits and last purchase
 * recounted from their sales (with any tier upgrade their spend now earns).
 */
export async function commitSaleImport(
  db: ShopDB,
  sales: readonly Sale[],
  ctx: CommandContext,
  onProgress?: (done: number, total: number) => void,
): Promise<{ created: number; updated: number }> {
  requireOwner(ctx, 'import');
  const memberIds = [...new Set(sales.map((s) => s.memberId).filter((id): id is Id => id !== null))];
  const total = sales.length + memberIds.length;
  const tables = [db.sales, db.members, db.tiers, db.tierHistory, db.pointsLedger, db.storedValueLedger];
  return db.transaction(
    'rw',
    [...tables, db.growthLedger, db.dailyRollups, db.settings, db.auditLog],
    async () => {
      const members = await db.members.bulkGet(memberIds);
      if (members.some((m) => m === undefined)) throw new DomainError({ code: 'notFound', entity: 'member' });
      let done = 0;
      for (let i = 0; i < sales.length; i += CHUNK) {
        await db.sales.bulkAdd(sales.slice(i, i + CHUNK));
        onProgress?.((done += Math.min(CHUNK, sales.length - i)), total);
      }
      await addSalesToRollups(db, sales);
      await recountMembers(db, memberIds, ctx, (n) => onProgress?.((done += n), total));
      await db.auditLog.add(auditRow(ctx, 'import', null, `sales: ${sales.length} new`));
      return { created: sales.length, updated: 0 };
    },
  );
}
