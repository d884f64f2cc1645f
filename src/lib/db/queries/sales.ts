import type { Member } from '../../domain/member';
import { pointsBalance } from '../../domain/points';
import type { Sale, TierChange } from '../../domain/sale';
import type { Tier } from '../../domain/tier';
import type { ShopDB } from '../shop-db';

export interface ReceiptData {
  sale: Sale;
  member: Member | null;
  /** Her points balance right after this sale (the ledger summed up to it). */
  pointsAfter: number | null;
  /** The upgrade this sale caused, if any. */
  tierChange: TierChange | null;
  tiers: Tier[];
}

export async function receiptData(db: ShopDB, saleId: string): Promise<ReceiptData | null> {
  return db.transaction('r', [db.sales, db.members, db.pointsLedger, db.tierHistory, db.tiers], async () => {
    const sale = await db.sales.get(saleId);
    if (!sale) return null;
    const tiers = await db.tiers.toArray();
    if (!sale.memberId) return { sale, member: null, pointsAfter: null, tierChange: null, tiers };
    const id = sale.memberId;
    const [member, upToSale, changes] = await Promise.all([
      db.members.get(id),
      db.pointsLedger.where('[memberId+at]').between([id, -Infinity], [id, sale.at], true, true).toArray(),
      db.tierHistory.where('[memberId+at]').equals([id, sale.at]).toArray(),
    ]);
    return {
      sale,
      member: member ?? null,
      pointsAfter: pointsBalance(upToSale),
      tierChange: changes.find((c) => c.reason === 'purchase') ?? null,
      tiers,
    };
  });
}
