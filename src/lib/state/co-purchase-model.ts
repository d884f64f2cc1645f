import { analytics } from '../analytics/client';
import { localDateOf } from '../domain/clock';
import type { CoPurchaseModel, SuggestionSettings } from '../domain/suggestion';

let cached: { key: string; model: Promise<CoPurchaseModel | null> } | null = null;

/**
 * The co-purchase rules, counted by the analytics worker once a day (and again when the thresholds
 * change), never while a sale waits: callers show suggestions without them until they arrive.
 */
export function coPurchaseModel(dbName: string, settings: Pick<SuggestionSettings, 'minSupport' | 'minConfidencePct'>): Promise<CoPurchaseModel | null> {
  const key = `${dbName}|${localDateOf(Date.now())}|${settings.minSupport}|${settings.minConfidencePct}`;
  if (cached?.key !== key) {
    const model = analytics(dbName)
      .send('coPurchase', { minSupport: settings.minSupport, minConfidencePct: settings.minConfidencePct })
      .then((table) => ({ rules: new Map(table.rules), popularity: new Map(table.popularity) }))
      .catch(() => {
        // A failed count is retried on the next request rather than kept for the day.
        if (cached?.key === key) cached = null;
        return null;
      });
    cached = { key, model };
  }
  return cached.model;
}
