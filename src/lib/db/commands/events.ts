import { addMonthsToInstant } from '../../domain/clock';
import { eventGrowth } from './growth';
import { DomainError } from '../../domain/errors';
import { hasRoom, isValidScore, validateEvent, type EventInput, type EventSignup, type Feedback, type MemberEvent, type SignupSource } from '../../domain/event';
import type { Member, ValidMember } from '../../domain/member';
import { pointsRow } from '../../domain/points';
import type { CommandContext } from '../context';
import { expireDuePoints, memberStateTables } from '../member-state';
import { getSettings } from '../queries/settings';
import type { ShopDB } from '../shop-db';
import { registerMember } from './members';

function refuse(field: string): never {
  throw new DomainError({ code: 'invalid', field });
}

export async function saveEvent(db: ShopDB, input: EventInput & { id?: string; invitedIds?: readonly string[] }, ctx: CommandContext): Promise<MemberEvent> {
  const bad = validateEvent(input)[0];
  if (bad) refuse(bad);
  const now = ctx.clock.now();
  return db.transaction('rw', db.events, async () => {
    const old = input.id ? await db.events.get(input.id) : undefined;
    if (input.id && !old) throw new DomainError({ code: 'notFound', entity: 'event' });
    const row: MemberEvent = {
      id: old?.id ?? ctx.newId(),
      name: input.name.trim(),
      kind: input.kind,
      date: input.date,
      place: input.place.trim(),
      capacity: input.capacity,
      attendancePoints: input.attendancePoints,
      invitedIds: input.invitedIds ? [...new Set(input.invitedIds)] : (old?.invitedIds ?? []),
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    await db.events.put(row);
    return row;
  });
}

const signupTables = (db: ShopDB) => [db.events, db.eventSignups, ...memberStateTables(db)];

/** Inside a transaction over signupTables: add her sign-up unless she has one or the event is full. */
async function addSignup(db: ShopDB, eventId: string, memberId: string, source: SignupSource, ctx: CommandContext): Promise<EventSignup> {
  const event = await db.events.get(eventId);
  if (!event) throw new DomainError({ code: 'notFound', entity: 'event' });
  const member = await db.members.get(memberId);
  if (!member || member.deletedAt !== undefined) throw new DomainError({ code: 'notFound', entity: 'member' });
  const signups = await db.eventSignups.where('eventId').equals(eventId).toArray();
  if (signups.some((s) => s.memberId === memberId)) refuse('alreadySignedUp');
  if (!hasRoom(event, signups.length)) refuse('eventFull');
  const now = ctx.clock.now();
  const row: EventSignup = { id: ctx.newId(), eventId, memberId, source, attended: false, pointsEntryId: null, score: null, comment: '', createdAt: now, updatedAt: now };
  await db.eventSignups.add(row);
  return row;
}

export async function signUp(db: ShopDB, req: { eventId: string; memberId: string; source: SignupSource }, ctx: CommandContext): Promise<EventSignup> {
  return db.transaction('rw', signupTables(db), () => addSignup(db, req.eventId, req.memberId, req.source, ctx));
}

/**
 * Tick or untick her attendance. Ticking gives the event's points once (a reward lot); unticking
 * takes them back (never below zero), so a mistaken tick costs nothing.
 */
export async function setAttendance(db: ShopDB, signupId: string, attended: boolean, ctx: CommandContext): Promise<EventSignup> {
  return db.transaction('rw', signupTables(db), () => attendance(db, signupId, attended, ctx));
}

async function attendance(db: ShopDB, signupId: string, attended: boolean, ctx: CommandContext): Promise<EventSignup> {
  const signup = await db.eventSignups.get(signupId);
  if (!signup) throw new DomainError({ code: 'notFound', entity: 'signup' });
  const event = await db.events.get(signup.eventId);
  if (!event) throw new DomainError({ code: 'notFound', entity: 'event' });
  if (signup.attended === attended) return signup;
  const now = ctx.clock.now();
  let pointsEntryId = signup.pointsEntryId;
  const stored = await db.members.get(signup.memberId);
  if (stored && attended && event.attendancePoints > 0 && pointsEntryId === null) {
    const settings = await getSettings(db);
    const expiresAt = settings.pointsExpiryMonths > 0 ? addMonthsToInstant(now, settings.pointsExpiryMonths) : null;
    const row = pointsRow(ctx.newId(), stored.id, now, 'reward', event.attendancePoints, null, expiresAt, { reason: 'event' });
    await db.pointsLedger.add(row);
    await db.members.update(stored.id, { pointsBalance: stored.pointsBalance + row.points, updatedAt: now });
    pointsEntryId = row.id;
  } else if (stored && !attended && pointsEntryId !== null) {
    const member: Member = await expireDuePoints(db, stored, ctx);
    const given = (await db.pointsLedger.get(pointsEntryId))?.points ?? 0;
    const back = Math.min(given, Math.max(member.pointsBalance, 0));
    if (back > 0) {
      await db.pointsLedger.add(pointsRow(ctx.newId(), member.id, now, 'reverse', -back, null, null, { reason: 'event', lotId: pointsEntryId }));
      await db.members.update(member.id, { pointsBalance: member.pointsBalance - back, updatedAt: now });
    }
    pointsEntryId = null;
  }
  if (stored) await eventGrowth(db, stored.id, signup.id, attended, ctx);
  const next = { ...signup, attended, pointsEntryId, updatedAt: now };
  await db.eventSignups.put(next);
  return next;
}

/** Her 1–5 score and comment for the event, on the sign-up and on her timeline (one row per sign-up). */
export async function recordEventFeedback(db: ShopDB, req: { signupId: string; score: number; comment: string }, ctx: CommandContext): Promise<Feedback> {
  if (!isValidScore(req.score)) refuse('score');
  if (req.comment.length > 500) refuse('comment');
  return db.transaction('rw', [db.eventSignups, db.feedback], async () => {
    const signup = await db.eventSignups.get(req.signupId);
    if (!signup) throw new DomainError({ code: 'notFound', entity: 'signup' });
    const now = ctx.clock.now();
    const old = await db.feedback.get(signup.id);
    const row: Feedback = {
      id: signup.id,
      memberId: signup.memberId,
      at: old?.at ?? now,
      score: req.score,
      comment: req.comment.trim(),
      source: 'event',
      subjectId: signup.eventId,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    await db.feedback.put(row);
    await db.eventSignups.put({ ...signup, score: req.score, comment: row.comment, updatedAt: now });
    return row;
  });
}

/**
 * Pop-up mode: register a newcomer at the event (tagged with its name), sign her up and tick her
 * attendance — one transaction, so a refused registration leaves no half sign-up behind.
 */
export async function popUpSignUp(db: ShopDB, req: { eventId: string; member: ValidMember }, ctx: CommandContext): Promise<{ member: Member; signup: EventSignup }> {
  return db.transaction('rw', [...signupTables(db), db.babies, db.tiers, db.tierHistory], async () => {
    const event = await db.events.get(req.eventId);
    if (!event) throw new DomainError({ code: 'notFound', entity: 'event' });
    const tags = req.member.tags.includes(event.name) ? req.member.tags : [...req.member.tags, event.name];
    const member = await registerMember(db, { ...req.member, tags }, ctx);
    const signup = await addSignup(db, event.id, member.id, 'popup', ctx);
    return { member, signup: await attendance(db, signup.id, true, ctx) };
  });
}

