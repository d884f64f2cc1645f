import { nextLocalMidnight, parseLastBackup, type LastBackup } from '../io/backup/reminder';

/**
 * The last backup made on this device, and the reminder snooze. Kept in localStorage, not in the shop's
 * database: a backup must not change the data it backs up, and a restore must not bring back an old date.
 */
const LAST_KEY = 'huiyuanbao.lastBackup';
const SNOOZE_KEY = 'huiyuanbao.backupSnoozedUntil';
/** Set just before the reload that follows a restore, so the page can say it worked. */
const RESTORED_KEY = 'huiyuanbao.restoredRows';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode: remembered for this visit only.
  }
}

let last = $state<LastBackup | null>(parseLastBackup(read(LAST_KEY)));
let snoozedUntil = $state<number>(Number(read(SNOOZE_KEY)) || 0);

export const backupStatus = {
  get last(): LastBackup | null {
    return last;
  },
  get snoozedUntil(): number {
    return snoozedUntil;
  },
  recordBackup(b: LastBackup): void {
    last = b;
    write(LAST_KEY, JSON.stringify(b));
  },
  markRestored(rows: number): void {
    try {
      sessionStorage.setItem(RESTORED_KEY, String(rows));
    } catch {
      // the message after the reload is a nicety
    }
  },
  /** Rows of the restore that just completed (once), or null. */
  takeRestored(): number | null {
    try {
      const v = sessionStorage.getItem(RESTORED_KEY);
      sessionStorage.removeItem(RESTORED_KEY);
      return v === null ? null : Number(v);
    } catch {
      return null;
    }
  },
  /** No reminder until tomorrow's local midnight. */
  snooze(now: number): void {
    snoozedUntil = nextLocalMidnight(now);
    write(SNOOZE_KEY, String(snoozedUntil));
  },
};
