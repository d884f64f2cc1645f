import type { AuditAction, AuditEntry, OwnerAction } from '../domain/access';
import { DomainError } from '../domain/errors';
import type { Id } from '../domain/ids';
import type { CommandContext } from './context';

/** Refuses, as a typed error, anyone but the owner: called first by every owner-only command. */
export function requireOwner(ctx: CommandContext, action: OwnerAction): void {
  if (ctx.role !== 'owner') throw new DomainError({ code: 'forbidden', action });
}

/** An audit-log row, for the caller to add in the same transaction as what it records. */
export function auditRow(ctx: CommandContext, action: AuditAction, subjectId: Id | null = null, detail = ''): AuditEntry {
  const now = ctx.clock.now();
  return { id: ctx.newId(), at: now, actorId: ctx.actorId, action, subjectId, detail, createdAt: now, updatedAt: now };
}
