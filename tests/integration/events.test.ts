import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyticsService } from '../../src/lib/analytics/service';
import { popUpSignUp, recordEventFeedback, saveEvent, setAttendance, signUp } from '../../src/lib/db/commands/events';
import { registerMember } from '../../src/lib/db/commands/members';
import { verify } from '../../src/lib/db/queries/verify';
import { CARE_DEFAULTS } from '../../src/lib/domain/care';
import { localInstant, makeValidMember } from '../fixtures/factories';
import { openTestShop, rejection, tableCounts, type TestShop } from '../fixtures/test-shop';

let shop: TestShop;

beforeEach(async () => {
  shop = await openTestShop({ at: localInstant(2026, 3, 1) });
});

afterEach(async () => {
  shop.db.close();
  await shop.db.delete();
});

const EVENT = { name: '亲子烘焙', kind: 'parentChild' as const, date: '2026-03-08', place: '店内', capacity: 2, attendancePoints: 50 };

describe('member events', () => {
  it('signs up within capacity, once each; attendance gives points once and unticking takes them back', async () => {
    const { db, ctx } = shop;
    const event = await saveEvent(db, EVENT, ctx);
    const [a, b, c] = await Promise.all(['13800000001', '13800000002', '13800000003'].map((phone) => registerMember(db, makeValidMember({ phone }), ctx)));
    const sa = await signUp(db, { eventId: event.id, memberId: a!.id, source: 'counter' }, ctx);
    expect(await rejection(signUp(db, { eventId: event.id, memberId: a!.id, source: 'counter' }, ctx))).toMatchObject({ detail: { field: 'alreadySignedUp' } });
    await signUp(db, { eventId: event.id, memberId: b!.id, source: 'invite' }, ctx);
    expect(await rejection(signUp(db, { eventId: event.id, memberId: c!.id, source: 'counter' }, ctx))).toMatchObject({ detail: { field: 'eventFull' } });

    await setAttendance(db, sa.id, true, ctx);
    await setAttendance(db, sa.id, true, ctx); // ticked twice: still once
    expect((await db.members.get(a!.id))?.pointsBalance).toBe(50);
    expect((await db.pointsLedger.where('[memberId+at]').between([a!.id, 0], [a!.id, Infinity]).toArray()).map((e) => [e.kind, e.points, e.reason])).toEqual([['reward', 50, 'event']]);
    await setAttendance(db, sa.id, false, ctx);
    expect((await db.members.get(a!.id))?.pointsBalance).toBe(0);
    await setAttendance(db, sa.id, true, ctx);
    expect((await db.members.get(a!.id))?.pointsBalance).toBe(50);
    expect((await verify(db)).drifts).toEqual([]);
  });

  it('keeps a 1–5 score on the sign-up and on her timeline, one row per sign-up', async () => {
    const { db, ctx } = shop;
    const event = await saveEvent(db, EVENT, ctx);
    const m = await registerMember(db, makeValidMember(), ctx);
    const s = await signUp(db, { eventId: event.id, memberId: m.id, source: 'counter' }, ctx);
    await recordEventFeedback(db, { signupId: s.id, score: 4, comment: '很开心' }, ctx);
    await recordEventFeedback(db, { signupId: s.id, score: 5, comment: '宝宝很喜欢' }, ctx);
    expect((await db.feedback.toArray()).map((f) => [f.memberId, f.score, f.comment, f.source])).toEqual([[m.id, 5, '宝宝很喜欢', 'event']]);
    expect(await db.eventSignups.get(s.id)).toMatchObject({ score: 5, comment: '宝宝很喜欢' });
    expect(await rejection(recordEventFeedback(db, { signupId: s.id, score: 6, comment: '' }, ctx))).toMatchObject({ detail: { field: 'score' } });
  });

  it('registers a pop-up newcomer tagged with the event, attending, in one go — or not at all', async () => {
    const { db, ctx } = shop;
    const event = await saveEvent(db, { ...EVENT, kind: 'popup', capacity: 0 }, ctx);
    const { member, signup } = await popUpSignUp(db, { eventId: event.id, member: makeValidMember({ name: '新妈妈', phone: '13900000001', tags: [] }) }, ctx);
    expect(member.tags).toEqual(['亲子烘焙']);
    expect(signup).toMatchObject({ source: 'popup', attended: true });
    expect((await db.members.get(member.id))?.pointsBalance).toBe(50);
    const before = await tableCounts(db);
    expect(await rejection(popUpSignUp(db, { eventId: event.id, member: makeValidMember({ phone: '13900000001' }) }, ctx))).toMatchObject({ detail: { code: 'duplicatePhone' } });
    expect(await tableCounts(db)).toEqual(before);
  });

  it('puts sign-ups on the care list the day before, and invitations until she signs up', async () => {
    const { db, ctx } = shop;
    const [a, b] = await Promise.all(['13800000001', '13800000002'].map((phone) => registerMember(db, makeValidMember({ name: phone.slice(-1), phone }), ctx)));
    const event = await saveEvent(db, { ...EVENT, invitedIds: [a!.id, b!.id] }, ctx);
    await signUp(db, { eventId: event.id, memberId: a!.id, source: 'invite' }, ctx);
    const service = createAnalyticsService(db);
    const list = (today: string) => service.handle('care', { today, settings: CARE_DEFAULTS }).then((l) => l.map((e) => [e.name, e.reason, e.on]));
    expect(await list('2026-03-01')).toEqual([['2', 'eventInvite', '2026-03-08']]);
    expect(await list('2026-03-07')).toEqual([
      ['1', 'eventReminder', '2026-03-08'],
      ['2', 'eventInvite', '2026-03-08'],
    ]);
    expect(await list('2026-03-09')).toEqual([]);
    service.close();
  });
});
