import type { ActorRole } from '../domain/access';
import type { Clock } from '../domain/clock';
import type { Id, NewId } from '../domain/ids';

/** What every command needs besides the database: time, fresh ids, and who is acting in which role. */
export interface CommandContext {
  clock: Clock;
  newId: NewId;
  actorId: Id | null;
  /** Checked by the owner-only commands (guard.ts), so a hidden button is not the only protection. */
  role: ActorRole;
}

/** Who is acting, as the page tells a worker (workers have no session of their own). */
export interface Actor {
  actorId: Id | null;
  role: ActorRole;
}

export const systemClock: Clock = { now: () => Date.now() };

export function appContext(actorId: Id | null = null, role: ActorRole = 'system'): CommandContext {
  return { clock: systemClock, newId: () => crypto.randomUUID(), actorId, role };
}
