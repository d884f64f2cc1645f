/**
 * Who has unlocked the tablet. Kept in sessionStorage with the time of the last touch, so a reload
 * (an update, a crash) does not ask for the PIN again — unless the tablet was idle past the auto-lock.
 */
import type { ActorRole, StaffRole } from '../domain/access';
import type { Actor } from '../db/context';

export interface Unlocked {
  staffId: string;
  name: string;
  role: StaffRole;
}

const KEY = 'huiyuanbao.session';

function stored(): (Unlocked & { lastActiveAt: number }) | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Unlocked & { lastActiveAt: number }) : null;
  } catch {
    return null;
  }
}

class Session {
  current = $state<Unlocked | null>(null);
  private lastActiveAt = 0;

  get role(): ActorRole {
    return this.current?.role ?? 'system';
  }

  get isOwner(): boolean {
    return this.current?.role === 'owner';
  }

  /** Pick up a session this tab had, if it was active within `idleMs`. */
  resume(now: number, idleMs: number): void {
    const s = stored();
    if (s && (idleMs <= 0 || now - s.lastActiveAt < idleMs)) {
      this.current = { staffId: s.staffId, name: s.name, role: s.role };
      this.lastActiveAt = now;
      this.save();
    } else this.lock();
  }

  unlock(who: Unlocked, now: number): void {
    this.current = who;
    this.lastActiveAt = now;
    this.save();
  }

  lock(): void {
    this.current = null;
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // No sessionStorage: nothing to forget.
    }
  }

  /** A touch or a key: the idle clock starts again. Written at most every 5 s. */
  touch(now: number): void {
    if (!this.current || now - this.lastActiveAt < 5_000) return;
    this.lastActiveAt = now;
    this.save();
  }

  /** Lock when idle for `idleMs` (0: never). */
  lockIfIdle(now: number, idleMs: number): void {
    if (this.current && idleMs > 0 && now - this.lastActiveAt >= idleMs) this.lock();
  }

  actor(): Actor {
    return { actorId: this.current?.staffId ?? null, role: this.role };
  }

  private save(): void {
    if (!this.current) return;
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ ...this.current, lastActiveAt: this.lastActiveAt }));
    } catch {
      // Private mode without storage: the session lasts until the tab closes or reloads.
    }
  }
}

export const session = new Session();
