import { addDays, localDateOf, type IsoDate } from '../../domain/clock';
import {
  CARE_SETTINGS_KEY,
  validateCareSettings,
  type CareAction,
  type CareReason,
  type CareSettings,
  type Contact,
  type ContactChannel,
  type ContactOutcome,
} from '../../domain/care';
import { DomainError } from '../../domain/errors';
import { FOLLOW_UP_KEY, validateFollowUps, type FollowUpRule } from '../../domain/follow-up';
import { MESSAGE_TEMPLATES_KEY, normaliseTemplates, templateProblems, type MessageLanguage, type MessageTemplates } from '../../domain/message-templates';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import type { ShopDB } from '../shop-db';

export interface CareActionInput {
  memberId: string;
  reason: CareReason;
  subject: string;
  action: CareAction;
  /** How the message went out (done only), or null. */
  channel: ContactChannel | null;
  /** Days a snooze lasts. */
  snoozeDays?: number;
}

function contactRow(input: CareActionInput, ctx: CommandContext): Contact {
  const at = ctx.clock.now();
  const day: IsoDate = localDateOf(at);
  return {
    id: ctx.newId(),
    memberId: input.memberId,
    at,
    day,
    reason: input.reason,
    subject: input.subject,
    action: input.action,
    channel: input.action === 'done' ? input.channel ?? 'other' : null,
    template: input.action === 'done' && input.channel !== null && input.channel !== 'other' ? input.reason : null,
    until: input.action === 'snoozed' ? addDays(day, Math.max(1, input.snoozeDays ?? 1)) : null,
    outcome: null,
    actorId: ctx.actorId,
    createdAt: at,
    updatedAt: at,
  };
}

/** Log what was done about one entry of today's list (done with a channel, snoozed or skipped). */
export async function recordCareAction(db: ShopDB, input: CareActionInput, ctx: CommandContext): Promise<Contact> {
  const row = contactRow(input, ctx);
  await db.contacts.add(row);
  return row;
}

/** Log several entries at once (a CSV for an SMS platform): all rows or none. */
export async function recordCareActions(db: ShopDB, inputs: readonly CareActionInput[], ctx: CommandContext): Promise<Contact[]> {
  const rows = inputs.map((i) => contactRow(i, ctx));
  await db.transaction('rw', db.contacts, () => db.contacts.bulkAdd(rows));
  return rows;
}

/** What came of a contact: she replied, or there was no answer (null clears it). */
export async function setContactOutcome(db: ShopDB, id: string, outcome: ContactOutcome | null, ctx: CommandContext): Promise<void> {
  const n = await db.contacts.update(id, { outcome, updatedAt: ctx.clock.now() });
  if (n === 0) throw new DomainError({ code: 'notFound', entity: 'contact' });
}

export async function saveCareSettings(db: ShopDB, settings: CareSettings, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'settings');
  const field = validateCareSettings(settings)[0];
  if (field) throw new DomainError({ code: 'invalid', field });
  await db.transaction('rw', [db.settings, db.auditLog], async () => {
    await db.settings.put({ key: CARE_SETTINGS_KEY, value: { ...settings, stageEndMonths: [...settings.stageEndMonths] } });
    await db.auditLog.add(auditRow(ctx, 'settings', null, 'care rules'));
  });
}

/** Save the shop's message wording; a template with a problem is refused, naming its reason and language. */
export async function saveMessageTemplates(db: ShopDB, templates: MessageTemplates, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'settings');
  const clean = normaliseTemplates(templates);
  for (const [reason, byLanguage] of Object.entries(clean) as [CareReason, Partial<Record<MessageLanguage, string>>][]) {
    for (const [language, text] of Object.entries(byLanguage) as [MessageLanguage, string][]) {
      if (templateProblems(text, reason).length > 0) throw new DomainError({ code: 'invalid', field: `template.${reason}.${language}` });
    }
  }
  await db.transaction('rw', [db.settings, db.auditLog], async () => {
    await db.settings.put({ key: MESSAGE_TEMPLATES_KEY, value: clean });
    await db.auditLog.add(auditRow(ctx, 'settings', null, 'message templates'));
  });
}

/** Save the follow-up call rules; a bad rule is refused, naming it (`followUps.1.delayDays`). */
export async function saveFollowUps(db: ShopDB, rules: readonly FollowUpRule[], ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'settings');
  const clean = rules.map((r) => ({ ...r, name: r.name.trim(), category: r.category.trim(), brand: r.brand.trim(), template: r.template.trim() }));
  const problems = validateFollowUps(clean);
  if (problems.list) throw new DomainError({ code: 'invalid', field: 'followUps' });
  const bad = problems.rules.findIndex((p) => p !== null);
  if (bad !== -1) throw new DomainError({ code: 'invalid', field: `followUps.${bad}.${problems.rules[bad]}` });
  await db.transaction('rw', [db.settings, db.auditLog], async () => {
    await db.settings.put({ key: FOLLOW_UP_KEY, value: clean });
    await db.auditLog.add(auditRow(ctx, 'settings', null, 'follow-up rules'));
  });
}
