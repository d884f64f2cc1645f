import { appContext, type CommandContext } from '../db/context';
import { runDailyJobs } from '../db/commands/daily';
import { localDateOf } from '../domain/clock';
import { ensureDefaults } from '../db/commands/settings';
import { db } from '../db/instance';
import { t } from '../i18n/i18n.svelte';

/** Default tiers (PRODUCT.md): 普通 0 / 银卡 ¥2,000 / 金卡 ¥5,000 / 白金卡 ¥10,000, named in the owner's language. */
export function defaultTiers() {
  return [
    { name: t('tierDefault.regular'), thresholdFen: 0, discountBp: 9500, pointsMultiplierBp: 10000, perks: '' },
    { name: t('tierDefault.silver'), thresholdFen: 200_000, discountBp: 9000, pointsMultiplierBp: 12000, perks: '' },
    { name: t('tierDefault.gold'), thresholdFen: 500_000, discountBp: 8000, pointsMultiplierBp: 15000, perks: '' },
    {
      name: t('tierDefault.platinum'),
      thresholdFen: 1_000_000,
      discountBp: 7500,
      pointsMultiplierBp: 20000,
      freeDelivery: true,
      perks: t('tierDefault.perksPlatinum'),
    },
  ];
}

/** The context of commands run from the UI (the acting staff member comes with PIN login later). */
export function uiContext(): CommandContext {
  return appContext(null);
}

export async function startApp(): Promise<void> {
  await db.open();
  await ensureDefaults(db, { storeName: t('store.defaultName'), tiers: defaultTiers() }, uiContext());
  scheduleDailyJobs();
}

const HOUR_MS = 3_600_000;

/**
 * Points expiry and the tier review run just after start (not before: the counter must open at once)
 * and again whenever the date has changed since the last run — checked hourly, so a tablet that is
 * never closed still runs them daily. Both jobs are idempotent.
 */
function scheduleDailyJobs(): void {
  let lastDay = '';
  const run = () => {
    lastDay = localDateOf(Date.now());
    runDailyJobs(db, uiContext()).catch((e: unknown) => console.error('daily jobs failed', e));
  };
  setTimeout(run, 2_000);
  setInterval(() => {
    if (localDateOf(Date.now()) !== lastDay) run();
  }, HOUR_MS);
}
