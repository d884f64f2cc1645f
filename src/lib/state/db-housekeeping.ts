import { ACTIVE_DB_KEY, browserStore, cleanupStaleDbs } from '../db/active';
import { db } from '../db/instance';

/**
 * After a restore switched databases: delete the one it replaced (and any a closed tab left half
 * written), and reload other open tabs so none keeps writing into the old database.
 */
export function startDbHousekeeping(): void {
  const store = browserStore();
  void cleanupStaleDbs(store).catch(() => undefined);
  window.addEventListener('storage', (e) => {
    if (e.key === ACTIVE_DB_KEY && e.newValue !== db.name) {
      db.close();
      location.reload();
    }
  });
}
