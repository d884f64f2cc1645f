import { appContext, type CommandContext } from '../db/context';
import { analytics } from '../analytics/client';
import { runDailyJobs } from '../db/commands/daily';
import { localDateOf } from '../domain/clock';
import { ensureDefaults } from '../db/commands/settings';
import { db } from '../db/instance';
import { t } from '../i18n/i18n.svelte';
import { session } from './session.svelte';

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

/** The context of commands run from the UI: whoever unlocked the tablet, in her role. */
export function uiContext(): CommandContext {
  const { actorId, role } = session.actor();
  return appContext(actorId, role);
}

export async function startApp(): Promise<void> {
  await db.open();
  await ensureDefaults(db, { storeName: t('store.defaultName'), tiers: defaultTiers() }, appContext());
  scheduleDailyJobs();
  warmUpAnalytics();
}

/**
 * A worker takes ~100–200 ms to start, load its code and open the database: pay that while the
 * shop is idle after start, not when the owner opens the dashboard.
 */
function warmUpAnalytics(): void {
  const idle = (fn: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 10_000 }) : setTimeout(fn, 0));
  setTimeout(() => {
    idle(() => {
      analytics(db.name)
        .send('warmUp', { today: localDateOf(Date.now()) })
        .catch((e: unknown) => console.warn('analytics warm-up failed', e));
    });
  }, 4_000);
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
    runDailyJobs(db, appContext()).catch((e: unknown) => console.error('daily jobs failed', e));
  };
  setTimeout(run, 2_000);
  setInterval(() => {
    if (localDateOf(Date.now()) !== lastDay) run();
  }, HOUR_MS);
}
