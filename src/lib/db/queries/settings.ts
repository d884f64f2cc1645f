import { DEFAULT_SETTINGS, SETTINGS_KEY, type ShopSettings } from '../../domain/settings';
import { sortTiers, type Tier } from '../../domain/tier';
import type { ShopDB } from '../shop-db';

export { SETTINGS_KEY };

export async function getSettings(db: ShopDB): Promise<ShopSettings> {
  const row = await db.settings.get(SETTINGS_KEY);
  return { ...DEFAULT_SETTINGS, ...(row?.value as Partial<ShopSettings> | undefined) };
}

/** Tiers from lowest to highest threshold. */
export async function getTiers(db: ShopDB): Promise<Tier[]> {
  return sortTiers(await db.tiers.toArray());
}
