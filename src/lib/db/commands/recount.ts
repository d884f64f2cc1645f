import { growthBalance } from '../../domain/growth';
import type { Id } from '../../domain/ids';
import { deriveAggregates } from '../../domain/ledger';
import type { Member } from '../../domain/member';
import type { TierChange } from '../../domain/sale';
import { qualifyingTier, tierRank, type Tier } from '../../domain/tier';
import type { CommandContext } from '../context';
import { SETTINGS_KEY } from '../queries/settings';
import type { ShopDB } from '../shop-db';

/**
 * Members' cached balances recounted from their ledgers after rows arrived from elsewhere (a merge,
 * an import of past sales), inside the caller's transaction.
 */

export function tierBasisOf(db: ShopDB): Promise<string> {
  return db.settings
    .get(SETTINGS_KEY)
    .then((row) => (row?.value as { tierBasis?: string } | undefined)?.tierBasis ?? 'lifetimeSpend');
}

/**
 * Inside the caller's transaction: her cached balances as her (merged) ledgers say, and the tier her
 * lifetime spend now qualifies her for when it is above hers (with its history row). Dexie promises
 * are chained, not awaited in a nested async function, so the transaction's zone is kept.
 */
export function recountMember(
  db: ShopDB,
  m: Member,
  tiers: readonly Tier[],
  basis: string,
  ctx: CommandContext,
): Promise<{ member: Member; change: TierChange | null }> {
  const range = [
    [m.id, -Infinity],
    [m.id, Infinity],
  ] as const;
  return Promise.all([
    db.sales
      .where('[memberId+at]')
      .between(...range)
      .toArray(),
    db.pointsLedger
      .where('[memberId+at]')
      .between(...range)
      .toArray(),
    db.storedValueLedger
      .where('[memberId+at]')
      .between(...range)
      .toArray(),
    db.growthLedger
      .where('[memberId+at]')
      .between(...range)
      .toArray(),
  ]).then(([sales, points, storedValue, growth]) => {
    const member: Member = { ...m, ...deriveAggregates(sales, points, storedValue) };
    if (growth.length > 0 || m.growthValue !== undefined) {
      member.growthValue = growthBalance(growth);
      member.growthMonths = growth
        .filter((g) => g.kind === 'tenure')
        .reduce((s, g) => s + (g.months ?? 0), 0);
    }
    const qualified =
      basis === 'lifetimeSpend' && tiers.length > 0 ? qualifyingTier(tiers, member.lifetimeSpendFen) : null;
    if (!qualified || tierRank(tiers, member.tierId) >= tierRank(tiers, qualified.id))
      return { member, change: null };
    const now = ctx.clock.now();
    const change: TierChange = {
      id: ctx.newId(),
      memberId: m.id,
      at: now,
      fromTierId: member.tierId,
      toTierId: qualified.id,
      reason: 'review',
      createdAt: now,
      updatedAt: now,
    };
    return { member: { ...member, tierId: qualified.id }, change };
  });
}

/** Recount these members (and do any upgrade they missed), in chunks; progress counts members done. */
export async function recountMembers(
  db: ShopDB,
  ids: readonly Id[],
  ctx: CommandContext,
  onProgress?: (members: number) => void,
): Promise<void> {
  const tiers = await db.tiers.toArray();
  const basis = await tierBasisOf(db);
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const members = (await db.members.bulkGet(chunk)).filter((m): m is Member => m !== undefined);
    const recounted: Member[] = [];
    const history: TierChange[] = [];
    for (const m of members) {
      const { member: next, change } = await recountMember(db, m, tiers, basis, ctx);
      if (change) history.push(change);
      recounted.push(next);
    }
    await db.members.bulkPut(recounted);
    await db.tierHistory.bulkAdd(history);
    onProgress?.(chunk.length);
  }
}
