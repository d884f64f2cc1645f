import { CARE_DEFAULTS, CARE_SETTINGS_KEY, type CareSettings, type Contact } from '../../domain/care';
import { DEFAULT_FOLLOW_UPS, FOLLOW_UP_KEY, type FollowUpRule } from '../../domain/follow-up';
import { MESSAGE_TEMPLATES_KEY, normaliseTemplates, type MessageTemplates } from '../../domain/message-templates';
import type { ShopDB } from '../shop-db';

export async function getCareSettings(db: ShopDB): Promise<CareSettings> {
  const row = await db.settings.get(CARE_SETTINGS_KEY);
  return { ...CARE_DEFAULTS, ...(row?.value as Partial<CareSettings> | undefined) };
}

/** Contacts logged at or after `from` (epoch ms), newest first. */
export async function contactsSince(db: ShopDB, from: number): Promise<Contact[]> {
  return db.contacts.where('at').aboveOrEqual(from).reverse().toArray();
}

const DAY_MS = 86_400_000;

/**
 * The contacts after which she came back: a purchase (not a return) within `days` of the contact.
 * One indexed range read per contact, so callers pass a page of the log, not all of it.
 */
export async function cameBack(db: ShopDB, contacts: readonly Contact[], days: number): Promise<Set<string>> {
  const hits = await Promise.all(
    contacts
      .filter((c) => c.action === 'done')
      .map(async (c) => {
        const sales = await db.sales
          .where('[memberId+at]')
          .between([c.memberId, c.at], [c.memberId, c.at + days * DAY_MS], true, true)
          .filter((s) => s.refundOf === null)
          .count();
        return sales > 0 ? c.id : null;
      }),
  );
  return new Set(hits.filter((id): id is string => id !== null));
}

export async function getMessageTemplates(db: ShopDB): Promise<MessageTemplates> {
  const row = await db.settings.get(MESSAGE_TEMPLATES_KEY);
  return normaliseTemplates((row?.value as MessageTemplates | undefined) ?? {});
}

/** The follow-up call rules (the defaults until the owner saves her own). */
export async function getFollowUps(db: ShopDB): Promise<FollowUpRule[]> {
  const row = await db.settings.get(FOLLOW_UP_KEY);
  return Array.isArray(row?.value) ? (row.value as FollowUpRule[]) : DEFAULT_FOLLOW_UPS;
}
