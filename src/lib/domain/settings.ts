import type { BasisPoints } from './money';

/** The key of the one `settings` row that holds ShopSettings. */
export const SETTINGS_KEY = 'shop';

/** Shop-wide rules, kept as one row in the `settings` table. */
export interface ShopSettings {
  storeName: string;
  /** 10000 = 1 point per ¥1 actually paid. */
  pointsEarnRateBp: BasisPoints;
  /** Months an earning lot lives; 0 = never expires. */
  pointsExpiryMonths: number;
}

export const DEFAULT_SETTINGS: ShopSettings = {
  storeName: '',
  pointsEarnRateBp: 10000,
  pointsExpiryMonths: 12,
};

export type SettingsError = 'required' | 'tooLong' | 'earnRateRange' | 'expiryRange';

export function validateSettings(s: ShopSettings): Partial<Record<keyof ShopSettings, SettingsError>> {
  const e: Partial<Record<keyof ShopSettings, SettingsError>> = {};
  if (s.storeName.trim() === '') e.storeName = 'required';
  else if (s.storeName.length > 40) e.storeName = 'tooLong';
  if (!Number.isInteger(s.pointsEarnRateBp) || s.pointsEarnRateBp < 0 || s.pointsEarnRateBp > 1_000_000)
    e.pointsEarnRateBp = 'earnRateRange';
  if (!Number.isInteger(s.pointsExpiryMonths) || s.pointsExpiryMonths < 0 || s.pointsExpiryMonths > 120)
    e.pointsExpiryMonths = 'expiryRange';
  return e;
}
