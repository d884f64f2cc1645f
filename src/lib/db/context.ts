import type { Clock } from '../domain/clock';
import type { Id, NewId } from '../domain/ids';

/** What every command needs besides the database: time, fresh ids, and who is acting. */
export interface CommandContext {
  clock: Clock;
  newId: NewId;
  actorId: Id | null;
}

export const systemClock: Clock = { now: () => Date.now() };

export function appContext(actorId: Id | null = null): CommandContext {
  return { clock: systemClock, newId: () => crypto.randomUUID(), actorId };
}
