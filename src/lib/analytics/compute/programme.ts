/**
 * Programme health beyond the member caches: points about to expire, the stored-value liability split
 * into principal and bonus, tier movement and coupon redemption. Pure: the worker reads the rows
 * (only the members concerned) and passes them in.
 */
import { replayLots } from '../../domain/lots';
import type { PointsEntry } from '../../domain/points';
import type { StoredValueEntry } from '../../domain/stored-value';
import type { Coupon } from '../../domain/coupon';
import type { TierChange } from '../../domain/sale';

type LotEntry = Pick<PointsEntry, 'id' | 'at' | 'points' | 'expiresAt' | 'lotId'>;

export interface ExpiringPoints {
  points: number;
  members: number;
}

/**
 * Points left in lots that expire after `from` and no later than `to`, summed over members (each
 * member's ledger replayed whole, so spending already taken from a lot is not counted).
 */
export function pointsExpiring(ledgers: Iterable<readonly LotEntry[]>, from: number, to: number): ExpiringPoints {
  let points = 0;
  let members = 0;
  for (const entries of ledgers) {
    let hers = 0;
    for (const lot of replayLots(entries).lots)
      if (lot.remaining > 0 && lot.expiresAt !== null && lot.expiresAt > from && lot.expiresAt <= to) hers += lot.remaining;
    if (hers > 0) {
      points += hers;
      members += 1;
    }
  }
  return { points, members };
}

export interface StoredValueSplit {
  /** Money members paid in and have not spent: the shop owes it in real money. */
  principalFen: number;
  /** Bonus (送) still unspent: a promise of goods, not of money. */
  bonusFen: number;
}

export function storedValueSplit(entries: Iterable<Pick<StoredValueEntry, 'principalFen' | 'bonusFen'>>): StoredValueSplit {
  let principalFen = 0;
  let bonusFen = 0;
  for (const e of entries) {
    principalFen += e.principalFen;
    bonusFen += e.bonusFen;
  }
  return { principalFen, bonusFen };
}

export interface TierMove {
  fromTierId: string;
  toTierId: string;
  count: number;
}

export interface TierMovement {
  /** Moves to a higher tier (purchases, rule changes, reviews). */
  up: number;
  /** Moves to a lower tier (reviews after the grace period, returns, rule changes). */
  down: number;
  /** Every from → to pair, most frequent first (ties in tier order). */
  moves: TierMove[];
}

/**
 * Tier changes of a period, up or down by the tiers' order (`tierOrder`: ids lowest first). A
 * registration is an entry, not a move; a change naming a tier no longer configured is left out.
 */
export function tierMovement(changes: Iterable<Pick<TierChange, 'fromTierId' | 'toTierId' | 'reason'>>, tierOrder: readonly string[]): TierMovement {
  const rank = new Map(tierOrder.map((id, i) => [id, i]));
  const pairs = new Map<string, TierMove>();
  let up = 0;
  let down = 0;
  for (const c of changes) {
    if (c.reason === 'registration' || c.fromTierId === null) continue;
    const from = rank.get(c.fromTierId);
    const to = rank.get(c.toTierId);
    if (from === undefined || to === undefined || from === to) continue;
    if (to > from) up += 1;
    else down += 1;
    const key = `${c.fromTierId}>${c.toTierId}`;
    const move = pairs.get(key) ?? { fromTierId: c.fromTierId, toTierId: c.toTierId, count: 0 };
    move.count += 1;
    pairs.set(key, move);
  }
  const moves = [...pairs.values()].sort(
    (a, b) =>
      b.count - a.count ||
      (rank.get(a.fromTierId) ?? 0) - (rank.get(b.fromTierId) ?? 0) ||
      (rank.get(a.toTierId) ?? 0) - (rank.get(b.toTierId) ?? 0),
  );
  return { up, down, moves };
}

export interface CouponRedemption {
  issued: number;
  used: number;
  /** Past their expiry unused, as of `now` (a coupon used is used, whenever). */
  expired: number;
  /** Still usable at `now`. */
  open: number;
  /** used / issued in basis points (0 when none issued). */
  rateBp: number;
}

/** Of the coupons issued in a period (the caller picks them by issuedAt): how many were used, and how many ran out unused by `now`. */
export function couponRedemption(coupons: Iterable<Pick<Coupon, 'usedAt' | 'expiresAt'>>, now: number): CouponRedemption {
  let issued = 0;
  let used = 0;
  let expired = 0;
  for (const c of coupons) {
    issued += 1;
    if (c.usedAt !== null) used += 1;
    else if (c.expiresAt <= now) expired += 1;
  }
  const rateBp = issued === 0 ? 0 : Math.floor((used * 10_000 + Math.floor(issued / 2)) / issued);
  return { issued, used, expired, open: issued - used - expired, rateBp };
}
