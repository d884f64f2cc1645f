import { analytics, type AnalyticsClient } from '../../../lib/analytics/client';
import { db } from '../../../lib/db/instance';

/** The analytics worker, reading the app's active database. */
export function worker(): AnalyticsClient {
  return analytics(db.name);
}
