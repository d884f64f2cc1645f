import type { TierPreview } from '../../../lib/db/queries/tier-preview';

/** One from→to group of the what-if preview, with the tiers' names as the owner sees them. */
export interface PreviewMoveView {
  /** Unique per group, for keyed lists. */
  key: string;
  from: string;
  to: string;
  count: number;
  direction: 'up' | 'down';
  /** false: the member keeps her tier until her grace period is over. */
  immediate: boolean;
}

export interface PreviewView {
  checked: number;
  up: number;
  down: number;
  moves: PreviewMoveView[];
}

/**
 * Name the moves of previewTierRules: the destination is a row of the edited list (by index); the
 * origin is the member's stored tier, shown under its edited name when the row is kept, under its
 * stored name when it is being removed. Ups first, then the biggest groups.
 */
export function previewView(
  result: TierPreview,
  rows: readonly { id?: string; name: string }[],
  stored: readonly { id: string; name: string }[],
): PreviewView {
  const nameOf = (tierId: string) =>
    rows.find((r) => r.id === tierId)?.name.trim() || stored.find((t) => t.id === tierId)?.name || '?';
  const moves = result.moves
    .map((m) => ({
      key: `${m.fromTierId}>${m.toIndex}`,
      from: nameOf(m.fromTierId),
      to: rows[m.toIndex]?.name.trim() || '?',
      count: m.members,
      direction: m.direction,
      immediate: m.immediate,
    }))
    .sort((a, b) => Number(a.direction === 'down') - Number(b.direction === 'down') || b.count - a.count);
  return { checked: result.membersChecked, up: result.up, down: result.down, moves };
}
