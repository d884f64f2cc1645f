import type { AuditEntry, Staff, StaffRole } from '../../domain/access';
import type { ShopDB } from '../shop-db';

export const THROTTLE_KEY = 'access.throttle';
export const AUTO_LOCK_KEY = 'access.autoLockMinutes';
export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30, 60, 0] as const;
const AUTO_LOCK_DEFAULT = 5;

export async function autoLockMinutes(db: ShopDB): Promise<number> {
  const v = (await db.settings.get(AUTO_LOCK_KEY))?.value;
  return typeof v === 'number' ? v : AUTO_LOCK_DEFAULT;
}

/** Wrong PINs in a row on this shop, and when the last one was typed. */
export interface Throttle {
  failures: number;
  lastFailureAt: number;
}

export async function throttleOf(db: ShopDB): Promise<Throttle> {
  const row = await db.settings.get(THROTTLE_KEY);
  const v = row?.value as Partial<Throttle> | undefined;
  return { failures: v?.failures ?? 0, lastFailureAt: v?.lastFailureAt ?? 0 };
}

/** Who can unlock, owner first then by name — without the PIN hashes, which never leave the db layer. */
export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
}

/** Staff who may unlock (not removed), with their PIN hashes: for the db commands only. */
export async function activeStaff(db: ShopDB): Promise<Staff[]> {
  return (await db.staff.toArray()).filter((s) => s.removedAt === undefined);
}

export async function activeStaffList(db: ShopDB): Promise<StaffMember[]> {
  return (await activeStaff(db))
    .map(({ id, name, role }) => ({ id, name, role }))
    .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'owner' ? -1 : 1));
}

/** Every staff name, including those who left, for naming who did what. */
export async function staffNames(db: ShopDB): Promise<Map<string, string>> {
  return new Map((await db.staff.toArray()).map((s) => [s.id, s.name]));
}

/** The newest audit entries first. */
export async function auditEntries(db: ShopDB, limit = 500): Promise<AuditEntry[]> {
  return db.auditLog.orderBy('at').reverse().limit(limit).toArray();
}
