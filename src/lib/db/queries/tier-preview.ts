import { qualifyingTierBy, type TierBasis } from '../../domain/tier';
import type { ShopDB } from '../shop-db';
import { shopStandings } from './standings';

/** A tier of the rule list being edited: `id` when it is already stored, none for a new one. */
export interface PreviewTier {
  id?: string;
  name: string;
  thresholdFen: number;
  visitThreshold?: number;
}

/** How many members would go from one tier to another under the edited rules. */
export interface TierMove {
  fromTierId: string;
  /** Index of the destination in the list passed in (it may be a new tier without an id). */
  toIndex: number;
  toTierId: string | null;
  direction: 'up' | 'down';
  /**
   * true: on saving (upgrades, and members of a removed tier). false: a member who no longer
   * qualifies keeps her tier until her grace period is over; the daily review moves her then.
   */
  immediate: boolean;
  members: number;
}

export interface TierPreview {
  membersChecked: number;
  up: number;
  down: number;
  moves: TierMove[];
}

/**
 * What-if, before saving a tier-rule change: every live member's standing (under `basis`, at `now`)
 * against the edited list, counted per move. Reads only; mirrors saveTiers (upgrades, and members of
 * a removed tier re-placed, on saving) and the daily review (downgrades after the grace period).
 */
export async function previewTierRules(
  db: ShopDB,
  tiers: readonly PreviewTier[],
  basis: TierBasis,
  now: number,
): Promise<TierPreview> {
  const preview: TierPreview = { membersChecked: 0, up: 0, down: 0, moves: [] };
  if (tiers.length === 0) return preview;
  const rules = tiers.map((t, index) => ({ index, id: t.id ?? null, thresholdFen: t.thresholdFen, visitThreshold: t.visitThreshold ?? 0 }));
  const sorted = [...rules].sort((a, b) => a.thresholdFen - b.thresholdFen);
  const rankOf = new Map(sorted.flatMap((t, rank) => (t.id === null ? [] : [[t.id, rank] as const])));

  return db.transaction('r', [db.members, db.sales, db.tiers], async () => {
    const [members, stored] = await Promise.all([db.members.toArray(), db.tiers.toArray()]);
    const oldThreshold = new Map(stored.map((t) => [t.id, t.thresholdFen]));
    const standingOf = await shopStandings(db, basis, now);
    const counts = new Map<string, TierMove>();
    for (const m of members) {
      if (m.deletedAt !== undefined) continue;
      preview.membersChecked += 1;
      const qualified = qualifyingTierBy(sorted, standingOf(m), basis);
      const rank = rankOf.get(m.tierId);
      let direction: 'up' | 'down';
      let immediate: boolean;
      if (rank === undefined) {
        // Her tier is removed: saving places her on the tier she qualifies for.
        direction = qualified.thresholdFen > (oldThreshold.get(m.tierId) ?? -1) ? 'up' : 'down';
        immediate = true;
      } else {
        const to = sorted.indexOf(qualified);
        if (to === rank) continue;
        direction = to > rank ? 'up' : 'down';
        immediate = direction === 'up';
      }
      preview[direction] += 1;
      const key = `${m.tierId}\u0000${qualified.index}`;
      const move = counts.get(key);
      if (move) move.members += 1;
      else {
        const entry: TierMove = { fromTierId: m.tierId, toIndex: qualified.index, toTierId: qualified.id, direction, immediate, members: 1 };
        counts.set(key, entry);
        preview.moves.push(entry);
      }
    }
    preview.moves.sort((a, b) => b.members - a.members || a.fromTierId.localeCompare(b.fromTierId) || a.toIndex - b.toIndex);
    return preview;
  });
}
