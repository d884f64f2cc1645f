import type { Campaign } from '../../domain/campaign';
import type { CouponTemplate } from '../../domain/coupon';
import type { Gift } from '../../domain/gift';
import type { ShopDB } from '../shop-db';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Every coupon template for the owner's settings: active ones first, then by name. */
export async function listCouponTemplates(db: ShopDB): Promise<CouponTemplate[]> {
  return (await db.couponTemplates.toArray()).sort(
    (a, b) => Number(b.active) - Number(a.active) || byName(a, b),
  );
}

/** Every catalogue gift, inactive ones too (the checkout's list is listGifts in ./loyalty). */
export async function listAllGifts(db: ShopDB): Promise<Gift[]> {
  return (await db.gifts.toArray()).sort(
    (a, b) => Number(b.active) - Number(a.active) || a.pointsCost - b.pointsCost || byName(a, b),
  );
}

/** Campaigns, the latest start first. */
export async function listCampaigns(db: ShopDB): Promise<Campaign[]> {
  return (await db.campaigns.toArray()).sort(
    (a, b) => b.startDate.localeCompare(a.startDate) || b.endDate.localeCompare(a.endDate) || byName(a, b),
  );
}

/** The categories of active products, sorted: what a coupon may be restricted to. */
export async function productCategories(db: ShopDB): Promise<string[]> {
  const products = await db.products.toArray();
  return [
    ...new Set(products.filter((p) => p.active && p.category.trim() !== '').map((p) => p.category)),
  ].sort((a, b) => a.localeCompare(b));
}
