/**
 * What the care list needs besides the facts, read in one transaction: members, babies, products,
 * the ledgers of members with points falling due, paid cards, recent upgrades, birthday coupons,
 * events and their sign-ups, and the follow-up rules. Reads only; runs in the analytics worker.
 */
import { addDays, localDateOf, type IsoDate } from '../domain/clock';
import type { CareSettings } from '../domain/care';
import { nextExpiry } from '../domain/lots';
import { renewalsDue } from '../domain/paid-membership';
import { getFollowUps } from '../db/queries/care';
import type { ShopDB } from '../db/shop-db';
import type { CareInput } from './compute/care';
import { localMidnight } from './member-counts';

export async function readCareInput(db: ShopDB, today: IsoDate, settings: CareSettings): Promise<CareInput> {
  const dayStart = localMidnight(today);
  const windowEnd = localMidnight(addDays(today, settings.pointsExpiringDays + 1));
  const recentFrom = localMidnight(addDays(today, -settings.recentDays));
  const year = Number(today.slice(0, 4));
  const read = await db.transaction(
    'r',
    [db.members, db.babies, db.products, db.pointsLedger, db.paidMemberships, db.tierHistory, db.tiers, db.coupons, db.events, db.eventSignups, db.settings],
    async () => {
      const due = await db.pointsLedger.where('expiresAt').between(dayStart, windowEnd, false, false).toArray();
      const ledgerOf = (id: string) => db.pointsLedger.where('[memberId+at]').between([id, -Infinity], [id, Infinity]).toArray();
      const dueMembers = [...new Set(due.map((e) => e.memberId))];
      const events = await db.events.where('date').aboveOrEqual(today).toArray();
      const signups = (await Promise.all(events.map((e) => db.eventSignups.where('eventId').equals(e.id).toArray()))).flat();
      const [members, babies, products, ledgers, terms, changes, tiers, coupons, followUps] = await Promise.all([
        db.members.toArray(),
        db.babies.toArray(),
        db.products.toArray(),
        Promise.all(dueMembers.map(ledgerOf)),
        db.paidMemberships.toArray(),
        db.tierHistory.filter((c) => c.reason === 'purchase' && c.at >= recentFrom).toArray(),
        db.tiers.toArray(),
        db.coupons.where('expiresAt').above(dayStart).filter((c) => c.reason === 'birthday' && c.usedSaleId === null).toArray(),
        getFollowUps(db),
      ]);
      return { members, babies, products, ledgers, dueMembers, terms, changes, tiers, coupons, events, signups, followUps };
    },
  );
  const tierName = new Map(read.tiers.map((t) => [t.id, t.name]));
  const expiring = read.dueMembers.flatMap((memberId, i) => {
    const next = nextExpiry(read.ledgers[i] ?? [], dayStart);
    return next && next.expiresAt < windowEnd && next.points > 0 ? [{ memberId, points: next.points, on: localDateOf(next.expiresAt) }] : [];
  });
  return {
    today,
    settings,
    members: read.members,
    babies: read.babies,
    formula: read.products.filter((p) => p.formulaStage !== null || p.daysPerUnit !== null),
    expiring,
    renewals: renewalsDue(read.terms, today, settings.renewalDays),
    tierUps: read.changes.map((c) => ({ memberId: c.memberId, on: localDateOf(c.at), tierName: tierName.get(c.toTierId) ?? '' })),
    birthdayCoupons: read.coupons.filter((c) => new Date(c.issuedAt).getFullYear() === year),
    events: read.events,
    signups: read.signups,
    followUps: read.followUps,
    productNames: new Map(read.products.map((p) => [p.id, p.name])),
  };
}
