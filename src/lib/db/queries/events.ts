import { localDateOf, type IsoDate } from '../../domain/clock';
import { eventOutcome, type EventOutcome, type EventSignup, type Feedback, type MemberEvent } from '../../domain/event';
import type { Member } from '../../domain/member';
import type { ShopDB } from '../shop-db';

export interface EventPageData {
  event: MemberEvent;
  signups: { signup: EventSignup; member: Pick<Member, 'id' | 'name' | 'phone'> | null }[];
  outcome: EventOutcome;
}

/** An event with its sign-ups (oldest first) and what it achieved, as of now. */
export async function eventPage(db: ShopDB, id: string): Promise<EventPageData | null> {
  return db.transaction('r', [db.events, db.eventSignups, db.members, db.sales], async () => {
    const event = await db.events.get(id);
    if (!event) return null;
    const signups = (await db.eventSignups.where('eventId').equals(id).toArray()).sort((a, b) => a.createdAt - b.createdAt);
    const members = await db.members.bulkGet(signups.map((s) => s.memberId));
    const won = signups.filter((s) => s.source === 'popup').map((s) => s.memberId);
    const days = new Map<string, IsoDate[]>();
    for (const memberId of won) {
      const sales = await db.sales.where('[memberId+at]').between([memberId, -Infinity], [memberId, Infinity]).toArray();
      days.set(memberId, [...new Set(sales.filter((s) => s.refundOf === null).map((s) => localDateOf(s.at)))].sort());
    }
    return {
      event,
      signups: signups.map((signup, i) => {
        const m = members[i];
        return { signup, member: m ? { id: m.id, name: m.name, phone: m.phone } : null };
      }),
      outcome: eventOutcome(event, signups, (memberId) => days.get(memberId) ?? []),
    };
  });
}

/** A feedback row: a sale's has the sale's id, an event's the sign-up's. */
export async function feedbackById(db: ShopDB, id: string): Promise<Feedback | undefined> {
  return db.feedback.get(id);
}
