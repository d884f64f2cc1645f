/**
 * The owner's and assistants' PINs, and unlocking. A PIN is hashed (slow on purpose) before the
 * transaction that stores it: inside one, only Dexie calls may be awaited.
 */
import { checkPin, hashPin, lockoutDelayMs, PIN_ITERATIONS, verifyPin, type Staff, type StaffRole } from '../../domain/access';
import { DomainError } from '../../domain/errors';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import { activeStaff, AUTO_LOCK_CHOICES, AUTO_LOCK_KEY, THROTTLE_KEY, throttleOf, type Throttle } from '../queries/staff';
import type { ShopDB } from '../shop-db';

const NAME_MAX = 40;

function refuse(reason: Extract<DomainError['detail'], { code: 'access' }>['reason'], waitMs?: number): never {
  throw new DomainError({ code: 'access', reason, ...(waitMs === undefined ? {} : { waitMs }) });
}

export interface PinRequest {
  name: string;
  pin: string;
  repeat: string;
}

async function newPin(pin: string, repeat: string, iterations: number) {
  const error = checkPin(pin, repeat);
  if (error) refuse(error);
  return hashPin(pin, crypto.getRandomValues(new Uint8Array(16)), iterations);
}

function cleanName(name: string): string {
  const clean = name.trim();
  if (clean === '' || [...clean].length > NAME_MAX) refuse('nameRequired');
  return clean;
}

async function addStaff(db: ShopDB, role: StaffRole, req: PinRequest, ctx: CommandContext, iterations: number): Promise<Staff> {
  const name = cleanName(req.name);
  const pin = await newPin(req.pin, req.repeat, iterations);
  const now = ctx.clock.now();
  const row: Staff = { id: ctx.newId(), name, role, pin, createdAt: now, updatedAt: now };
  await db.transaction('rw', [db.staff, db.auditLog], async () => {
    if (role === 'owner' && (await activeStaff(db)).some((s) => s.role === 'owner')) refuse('ownerExists');
    await db.staff.add(row);
    await db.auditLog.add(auditRow({ ...ctx, actorId: ctx.actorId ?? row.id }, 'staff', row.id, `add ${role}`));
  });
  return row;
}

/** First start: the owner sets her PIN. Refused once there is an owner. */
export async function setUpOwner(db: ShopDB, req: PinRequest, ctx: CommandContext, iterations = PIN_ITERATIONS): Promise<Staff> {
  return addStaff(db, 'owner', req, ctx, iterations);
}

export async function addAssistant(db: ShopDB, req: PinRequest, ctx: CommandContext, iterations = PIN_ITERATIONS): Promise<Staff> {
  requireOwner(ctx, 'staff');
  return addStaff(db, 'assistant', req, ctx, iterations);
}

export async function changePin(
  db: ShopDB,
  req: { staffId: string; pin: string; repeat: string },
  ctx: CommandContext,
  iterations = PIN_ITERATIONS,
): Promise<void> {
  requireOwner(ctx, 'staff');
  const pin = await newPin(req.pin, req.repeat, iterations);
  await db.transaction('rw', [db.staff, db.auditLog], async () => {
    const n = await db.staff.update(req.staffId, { pin, updatedAt: ctx.clock.now() });
    if (n === 0) throw new DomainError({ code: 'notFound', entity: 'staff' });
    await db.auditLog.add(auditRow(ctx, 'staff', req.staffId, 'change PIN'));
  });
}

/** An assistant who left can no longer unlock; her name stays on what she did. */
export async function removeAssistant(db: ShopDB, staffId: string, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'staff');
  await db.transaction('rw', [db.staff, db.auditLog], async () => {
    const row = await db.staff.get(staffId);
    if (!row || row.removedAt !== undefined) throw new DomainError({ code: 'notFound', entity: 'staff' });
    if (row.role === 'owner') refuse('lastOwner');
    const now = ctx.clock.now();
    await db.staff.update(staffId, { removedAt: now, updatedAt: now });
    await db.auditLog.add(auditRow(ctx, 'staff', staffId, 'remove assistant'));
  });
}

/**
 * Check a PIN against one staff member's hash, throttled per device: after five wrong PINs in a row,
 * each attempt waits (lockoutDelayMs) — refused with `waitMs` until then, without even checking.
 */
export async function unlock(db: ShopDB, req: { staffId: string; pin: string }, ctx: CommandContext): Promise<Staff> {
  const [row, throttle] = await Promise.all([db.staff.get(req.staffId), throttleOf(db)]);
  if (!row || row.removedAt !== undefined) throw new DomainError({ code: 'notFound', entity: 'staff' });
  const now = ctx.clock.now();
  const waitMs = throttle.lastFailureAt + lockoutDelayMs(throttle.failures) - now;
  if (waitMs > 0) refuse('wait', waitMs);
  const ok = await verifyPin(req.pin, row.pin);
  if (ok && throttle.failures === 0) return row; // nothing to reset: no write on the usual unlock
  const next: Throttle = ok ? { failures: 0, lastFailureAt: 0 } : { failures: throttle.failures + 1, lastFailureAt: now };
  await db.transaction('rw', [db.settings, db.auditLog], async () => {
    await db.settings.put({ key: THROTTLE_KEY, value: next });
    if (!ok) await db.auditLog.add(auditRow({ ...ctx, actorId: null }, 'unlockFailed', row.id, `attempt ${next.failures}`));
  });
  if (!ok) refuse('wrongPin', lockoutDelayMs(next.failures) || undefined);
  return row;
}

/** The owner's PIN, asked again before something irreversible (erasure); throttled like unlocking. */
export async function confirmOwnerPin(db: ShopDB, pin: string, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'eraseMember');
  const owner = (await activeStaff(db)).find((s) => s.role === 'owner');
  if (!owner) refuse('noStaff');
  await unlock(db, { staffId: owner.id, pin }, ctx);
}

/**
 * "Forgot the owner PIN": on a shop just restored from a backup file — whose holder has its data
 * anyway — drop the backup's PINs, so the next start asks for a new owner PIN. Never on the live shop.
 */
export async function resetAccess(db: ShopDB, ctx: CommandContext): Promise<void> {
  await db.transaction('rw', [db.staff, db.settings, db.auditLog], async () => {
    await db.staff.clear();
    await db.settings.delete(THROTTLE_KEY);
    await db.auditLog.add(auditRow({ ...ctx, actorId: null }, 'restore', null, 'PINs reset: restored after a forgotten owner PIN'));
  });
}

/** How long the tablet may sit untouched before it locks (0: never). */
export async function saveAutoLock(db: ShopDB, minutes: number, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'settings');
  if (!(AUTO_LOCK_CHOICES as readonly number[]).includes(minutes)) throw new DomainError({ code: 'invalid', field: 'autoLockMinutes' });
  await db.transaction('rw', [db.settings, db.auditLog], async () => {
    await db.settings.put({ key: AUTO_LOCK_KEY, value: minutes });
    await db.auditLog.add(auditRow(ctx, 'settings', null, `auto-lock ${minutes} min`));
  });
}

/** The forgotten-PIN way out that keeps nothing: this shop's database, PINs and all, is deleted. */
export async function wipeShop(db: ShopDB): Promise<void> {
  db.close();
  await db.delete();
}
