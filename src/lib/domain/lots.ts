import type { NewId } from './ids';
import { pointsRow, type PointsEntry } from './points';

/** An earning lot of points: what is left of it after the spending before `asOf`. */
export interface PointsLot {
  entryId: string;
  at: number;
  expiresAt: number | null;
  points: number;
  remaining: number;
}

type LotEntry = Pick<PointsEntry, 'id' | 'at' | 'points' | 'expiresAt' | 'lotId'>;

/**
 * Replay a member's ledger in time order. Positive rows open lots; negative rows consume the lot
 * they name (`lotId`: an expiry, or the reversal of one sale's points) and then the oldest lots
 * still alive at that moment (first in, first out). What cannot be covered is `deficit`: a balance
 * below zero, possible only where the rules allow it.
 */
export function replayLots(entries: readonly LotEntry[]): { lots: PointsLot[]; deficit: number } {
  const sorted = [...entries].sort((a, b) => a.at - b.at || Math.sign(b.points) - Math.sign(a.points));
  const lots: PointsLot[] = [];
  const byId = new Map<string, PointsLot>();
  let deficit = 0;
  for (const e of sorted) {
    if (e.points > 0) {
      // A new lot first pays back any earlier deficit.
      const repaid = Math.min(deficit, e.points);
      deficit -= repaid;
      const lot = { entryId: e.id, at: e.at, expiresAt: e.expiresAt, points: e.points, remaining: e.points - repaid };
      lots.push(lot);
      byId.set(e.id, lot);
      continue;
    }
    let need = -e.points;
    const named = e.lotId ? byId.get(e.lotId) : undefined;
    if (named) need -= take(named, need);
    for (const lot of lots) {
      if (need === 0) break;
      if (lot.expiresAt !== null && lot.expiresAt <= e.at) continue;
      need -= take(lot, need);
    }
    deficit += need;
  }
  return { lots, deficit };
}

function take(lot: PointsLot, need: number): number {
  const taken = Math.min(lot.remaining, need);
  lot.remaining -= taken;
  return taken;
}

/** The expiry rows due at `now`: each lot past its date with points left expires exactly once. */
export function dueExpiries(
  entries: readonly LotEntry[],
  now: number,
): { lotId: string; points: number; expiresAt: number }[] {
  const { lots } = replayLots(entries);
  return lots
    .filter((l) => l.expiresAt !== null && l.expiresAt <= now && l.remaining > 0)
    .map((l) => ({ lotId: l.entryId, points: l.remaining, expiresAt: l.expiresAt as number }));
}

/** The points that will expire next (the earliest date with live points), for "N points expire on DATE". */
export function nextExpiry(entries: readonly LotEntry[], now: number): { points: number; expiresAt: number } | null {
  const { lots } = replayLots(entries);
  const live = lots.filter((l) => l.remaining > 0 && l.expiresAt !== null && l.expiresAt > now);
  if (live.length === 0) return null;
  const first = Math.min(...live.map((l) => l.expiresAt as number));
  return { expiresAt: first, points: live.filter((l) => l.expiresAt === first).reduce((s, l) => s + l.remaining, 0) };
}

/** The `expire` rows a member's ledger needs at `now` (none when run again: each lot expires once). */
export function expiryRows(
  memberId: string,
  entries: readonly LotEntry[],
  now: number,
  newId: NewId,
): PointsEntry[] {
  return dueExpiries(entries, now).map((d) => pointsRow(newId(), memberId, now, 'expire', -d.points, null, null, { lotId: d.lotId }));
}
