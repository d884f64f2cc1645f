/** When to remind the owner to back up (pure: time and counts are passed in). */

export interface LastBackup {
  at: number;
  rows: number;
  fileName: string;
  encrypted: boolean;
}

export const REMIND_AFTER_DAYS = 7;
export const REMIND_AFTER_SALES = 200;
const DAY_MS = 86_400_000;

export type Reminder =
  { kind: 'never' } | { kind: 'days'; days: number } | { kind: 'sales'; sales: number } | null;

/**
 * Never backed up (and there is something to lose) → remind; else after REMIND_AFTER_DAYS days or
 * REMIND_AFTER_SALES sales since the last backup, whichever comes first.
 */
export function backupReminder(
  last: LastBackup | null,
  now: number,
  salesSinceLast: number,
  hasData: boolean,
  limits = { days: REMIND_AFTER_DAYS, sales: REMIND_AFTER_SALES },
): Reminder {
  if (!last) return hasData ? { kind: 'never' } : null;
  const days = Math.floor((now - last.at) / DAY_MS);
  if (days >= limits.days) return { kind: 'days', days };
  if (salesSinceLast >= limits.sales) return { kind: 'sales', sales: salesSinceLast };
  return null;
}

export function daysSince(at: number, now: number): number {
  return Math.max(0, Math.floor((now - at) / DAY_MS));
}

export function parseLastBackup(text: string | null): LastBackup | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<LastBackup>;
    if (typeof v.at !== 'number' || typeof v.rows !== 'number' || typeof v.fileName !== 'string') return null;
    return { at: v.at, rows: v.rows, fileName: v.fileName, encrypted: v.encrypted === true };
  } catch {
    return null;
  }
}

/** The next local midnight after `now` (a reminder snoozed "for today" comes back then). */
export function nextLocalMidnight(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}
