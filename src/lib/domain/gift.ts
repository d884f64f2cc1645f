import type { Id } from './ids';

/** A gift in the points catalogue (积分商城). */
export interface Gift {
  id: Id;
  name: string;
  pointsCost: number;
  stock: number;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export type GiftError = 'required' | 'pointsRange' | 'stockRange';

export function validateGift(g: Pick<Gift, 'name' | 'pointsCost' | 'stock'>): Partial<Record<'name' | 'pointsCost' | 'stock', GiftError>> {
  const e: Partial<Record<'name' | 'pointsCost' | 'stock', GiftError>> = {};
  if (g.name.trim() === '') e.name = 'required';
  if (!Number.isInteger(g.pointsCost) || g.pointsCost < 1 || g.pointsCost > 10_000_000) e.pointsCost = 'pointsRange';
  if (!Number.isInteger(g.stock) || g.stock < 0 || g.stock > 1_000_000) e.stock = 'stockRange';
  return e;
}
