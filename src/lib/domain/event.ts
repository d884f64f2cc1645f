/**
 * Member events (会员活动): parent-child events, talks, product trials. Sign-ups, attendance (which
 * earns points), a 1–5 satisfaction score, and what a pop-up event won: new members and whether
 * they came back. Pure.
 */
import { addDays, isIsoDate, type IsoDate } from './clock';
import type { Id } from './ids';

export const EVENT_KINDS = ['parentChild', 'talk', 'trial', 'popup', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface MemberEvent {
  id: Id;
  name: string;
  kind: EventKind;
  date: IsoDate;
  place: string;
  /** Places available; 0 = no limit. */
  capacity: number;
  /** Points each attendee earns (once). */
  attendancePoints: number;
  /** Members invited (a segment's, when the invitation went out); they are on the care list until the day. */
  invitedIds: Id[];
  createdAt: number;
  updatedAt: number;
}

export type EventInput = Pick<MemberEvent, 'name' | 'kind' | 'date' | 'place' | 'capacity' | 'attendancePoints'>;
export type EventError = 'nameRequired' | 'nameTooLong' | 'kind' | 'date' | 'capacity' | 'points' | 'placeTooLong';

export function validateEvent(e: EventInput): EventError[] {
  const bad: EventError[] = [];
  if (e.name.trim() === '') bad.push('nameRequired');
  else if (e.name.trim().length > 60) bad.push('nameTooLong');
  if (!EVENT_KINDS.includes(e.kind)) bad.push('kind');
  if (!isIsoDate(e.date)) bad.push('date');
  if (e.place.length > 80) bad.push('placeTooLong');
  if (!Number.isInteger(e.capacity) || e.capacity < 0 || e.capacity > 10_000) bad.push('capacity');
  if (!Number.isInteger(e.attendancePoints) || e.attendancePoints < 0 || e.attendancePoints > 100_000) bad.push('points');
  return bad;
}

export type SignupSource = 'invite' | 'counter' | 'popup';

/** One member's place at an event. Mutable (attendance and feedback are ticked on the day). */
export interface EventSignup {
  id: Id;
  eventId: Id;
  memberId: Id;
  source: SignupSource;
  attended: boolean;
  /** The points ledger row of her attendance points while they stand (null: none given or taken back). */
  pointsEntryId: Id | null;
  /** 1–5, or null. */
  score: number | null;
  comment: string;
  createdAt: number;
  updatedAt: number;
}

/** A satisfaction score on the member's timeline (after a sale or an event). */
export interface Feedback {
  id: Id;
  memberId: Id;
  at: number;
  score: number;
  comment: string;
  source: 'event' | 'sale';
  /** The event or sale it is about. */
  subjectId: Id;
  createdAt: number;
  updatedAt: number;
}

export function isValidScore(score: number): boolean {
  return Number.isInteger(score) && score >= 1 && score <= 5;
}

/** Whether one more member can sign up. */
export function hasRoom(event: Pick<MemberEvent, 'capacity'>, signedUp: number): boolean {
  return event.capacity === 0 || signedUp < event.capacity;
}

export interface EventOutcome {
  signedUp: number;
  attended: number;
  /** Mean score in tenths (43 = 4.3), of those who gave one; null without scores. */
  meanScoreTenths: number | null;
  scores: number;
  /** Members who joined at the event (pop-up sign-ups), and of them: */
  newMembers: number;
  /** bought at least once after the event… */
  firstPurchases: number;
  /** …and bought again (a second purchase day) within 30, 60 and 90 days of their first. */
  repurchase30: number;
  repurchase60: number;
  repurchase90: number;
}

/**
 * What an event achieved. `purchaseDays` gives a member's distinct purchase days (ascending);
 * only days from the event on count for the members it won.
 */
export function eventOutcome(
  event: Pick<MemberEvent, 'date'>,
  signups: readonly Pick<EventSignup, 'memberId' | 'source' | 'attended' | 'score'>[],
  purchaseDays: (memberId: Id) => readonly IsoDate[],
): EventOutcome {
  const scored = signups.filter((s) => s.score !== null);
  const sum = scored.reduce((n, s) => n + (s.score ?? 0), 0);
  const won = signups.filter((s) => s.source === 'popup');
  let firstPurchases = 0;
  const again = [0, 0, 0];
  for (const s of won) {
    const days = purchaseDays(s.memberId).filter((d) => d >= event.date);
    const first = days[0];
    if (first === undefined) continue;
    firstPurchases += 1;
    const second = days[1];
    [30, 60, 90].forEach((n, i) => {
      if (second !== undefined && second <= addDays(first, n)) again[i] = (again[i] ?? 0) + 1;
    });
  }
  return {
    signedUp: signups.length,
    attended: signups.filter((s) => s.attended).length,
    meanScoreTenths: scored.length === 0 ? null : Math.round((sum * 10) / scored.length),
    scores: scored.length,
    newMembers: won.length,
    firstPurchases,
    repurchase30: again[0] ?? 0,
    repurchase60: again[1] ?? 0,
    repurchase90: again[2] ?? 0,
  };
}

/** The day a sign-up reminder is due: the day before the event. */
export function reminderDay(event: Pick<MemberEvent, 'date'>): IsoDate {
  return addDays(event.date, -1);
}
