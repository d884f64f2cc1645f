import { reversePhone } from '../../domain/phone';
import type { Member } from '../../domain/member';
import type { Baby } from '../../domain/baby';
import type { Sale } from '../../domain/sale';
import type { PointsEntry } from '../../domain/points';
import type { Feedback } from '../../domain/event';
import type { Table } from 'dexie';
import type { ShopDB } from '../shop-db';
import { favourites, type Favourites } from '../../domain/favourites';
import { memberIdFromCard } from '../../domain/member-card';

export const SEARCH_LIMIT = 20;

/**
 * The search box's query: digits look up the phone (a full number exactly; 3+ digits as the end of the
 * number — "last 4" — then as its start), a member card's code is her, anything else is a name prefix
 * (case-insensitive).
 */
export async function searchMembers(db: ShopDB, text: string, limit = SEARCH_LIMIT): Promise<Member[]> {
  // A member card, scanned or typed: exactly her.
  const cardId = memberIdFromCard(text);
  if (cardId) {
    const m = await db.members.get(cardId);
    return m && m.deletedAt === undefined ? [m] : [];
  }
  const q = text
    .trim()
    .replace(/[\s-]/g, '')
    .replace(/^(\+86|0086|86(?=1\d{10}$))/, '');
  if (q === '') return [];
  let found: Member[];
  if (/^\d+$/.test(q)) {
    if (q.length === 11) {
      const exact = await db.members.where('phone').equals(q).first();
      found = exact ? [exact] : [];
    } else if (q.length < 3) {
      found = [];
    } else {
      const bySuffix = await db.members.where('phoneRev').startsWith(reversePhone(q)).limit(limit).toArray();
      const seen = new Set(bySuffix.map((m) => m.id));
      const byPrefix =
        bySuffix.length < limit
          ? await db.members
              .where('phone')
              .startsWith(q)
              .filter((m) => !seen.has(m.id))
              .limit(limit - bySuffix.length)
              .toArray()
          : [];
      found = [...bySuffix, ...byPrefix];
    }
  } else {
    found = await byNamePrefix(db, text.trim(), limit);
  }
  return found.filter((m) => m.deletedAt === undefined);
}

/**
 * Names starting with `prefix`, ignoring case. Dexie's startsWithIgnoreCase walks a cursor (a
 * round trip per row: ~100 ms at 20,000 members under load); a prefix without case — any Chinese
 * name — needs only one range read.
 */
function byNamePrefix(db: ShopDB, prefix: string, limit: number): Promise<Member[]> {
  const name = db.members.where('name');
  const caseless = prefix.toLowerCase() === prefix.toUpperCase();
  return (caseless ? name.startsWith(prefix) : name.startsWithIgnoreCase(prefix)).limit(limit).toArray();
}

/** Ids of every member, newest first: the list renders only the rows in view (see memberRows). */
export async function memberIdsNewestFirst(db: ShopDB): Promise<string[]> {
  return db.members.orderBy('createdAt').reverse().primaryKeys();
}

export async function memberRows(db: ShopDB, ids: readonly string[]): Promise<Member[]> {
  const rows = await db.members.bulkGet([...ids]);
  return rows.filter((m): m is Member => m !== undefined);
}

export async function countMembers(db: ShopDB): Promise<number> {
  return db.members.count();
}

export interface MemberPageData {
  member: Member;
  babies: Baby[];
  sales: Sale[];
  points: PointsEntry[];
  feedback: Feedback[];
  /** Whether her timeline goes back further than `sales`, `points` and `feedback` show. */
  hasOlder: boolean;
}

/** Timeline entries of each kind per page: a regular with 250 visits opens as fast as a newcomer. */
export const TIMELINE_PAGE = 30;

/**
 * A member's profile, babies and the newest entries of her timeline: up to `limit` of each kind, cut
 * to the span every kind covers in full, so the merged timeline has no hole where one kind ran past
 * its limit sooner than another.
 */
export async function memberPage(db: ShopDB, id: string, limit = TIMELINE_PAGE): Promise<MemberPageData | null> {
  return db.transaction('r', [db.members, db.babies, db.sales, db.pointsLedger, db.feedback], async () => {
    const member = await db.members.get(id);
    if (!member) return null;
    // One more than the limit, to know whether anything older is left.
    const newest = <T, I>(table: Table<T, string, I>): Promise<T[]> =>
      table.where('[memberId+at]').between([id, -Infinity], [id, Infinity]).reverse().limit(limit + 1).toArray();
    const [babies, sales, points, feedback] = await Promise.all([
      db.babies.where('memberId').equals(id).toArray(),
      newest(db.sales),
      newest(db.pointsLedger),
      newest(db.feedback),
    ]);
    babies.sort((a, b) => a.birthDate.localeCompare(b.birthDate));
    // Show only what is strictly newer than the newest entry left out of any list (entries at that
    // same instant may be left out too, so the sale and its points row stay together).
    const cut = [sales, points, feedback].filter((list) => list.length > limit).map((list) => list[limit]!.at);
    const cutoff = cut.length > 0 ? Math.max(...cut) : -Infinity;
    const after = <T extends { at: number }>(list: T[]) => list.filter((e) => e.at > cutoff);
    return { member, babies, sales: after(sales), points: after(points), feedback: after(feedback), hasOlder: cut.length > 0 };
  });
}

/** Her favourite brands and categories, from all her sales and returns. */
export async function memberFavourites(db: ShopDB, id: string): Promise<Favourites> {
  return favourites(await db.sales.where('[memberId+at]').between([id, -Infinity], [id, Infinity]).toArray());
}

export async function memberById(db: ShopDB, id: string): Promise<Member | undefined> {
  return db.members.get(id);
}
