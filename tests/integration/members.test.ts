import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShopDB } from '../../src/lib/db/shop-db';
import type { CommandContext } from '../../src/lib/db/context';
import { registerMember, updateMember } from '../../src/lib/db/commands/members';
import { commitCheckout } from '../../src/lib/db/commands/checkout';
import { adjustPoints } from '../../src/lib/db/commands/loyalty';
import { memberPage, searchMembers, memberIdsNewestFirst, memberRows, countMembers } from '../../src/lib/db/queries/members';
import { DomainError } from '../../src/lib/domain/errors';
import type { Tier } from '../../src/lib/domain/tier';
import {
  localInstant,
  makeLine,
  makeValidMember,
  type CounterId,
  type TestClock,
} from '../fixtures/factories';
import { openTestShop, rejection, T0, tableCounts } from '../fixtures/test-shop';

let db: ShopDB;
let clock: TestClock;
let newId: CounterId;
let ctx: CommandContext;
let tiers: Tier[];

beforeEach(async () => {
  ({ db, clock, newId, ctx, tiers } = await openTestShop({ actorId: 'staff-1' }));
});

afterEach(async () => {
  await db.delete();
});

const tierId = (i: number) => tiers[i]!.id;

describe('registerMember', () => {
  it('writes the member, her babies and one registration history row', async () => {
    expect(tiers.map((t) => t.name)).toEqual(['普通会员', '银卡', '金卡', '白金卡']);
    const before = await tableCounts(db);
    const input = makeValidMember({
      name: '王小红',
      phone: '13812345678',
      tags: ['奶粉', 'VIP'],
      babies: [
        { nickname: '豆豆', gender: 'boy', birthDate: '2025-06-10', expecting: false },
        { nickname: '', gender: 'unknown', birthDate: '2026-08-01', expecting: true },
      ],
    });
    const ids = { member: newId.peek(1), baby1: newId.peek(2), baby2: newId.peek(3), history: newId.peek(4) };
    const member = await registerMember(db, input, ctx);

    const { babies: _babies, ...profile } = input;
    const expected = {
      id: ids.member,
      ...profile,
      phoneRev: '87654321831',
      joinedOn: '2026-03-01',
      registeredBy: 'staff-1',
      tierId: tierId(0),
      pointsBalance: 0,
      storedValueFen: 0,
      lifetimeSpendFen: 0,
      visitCount: 0,
      lastPurchaseAt: null,
      createdAt: T0,
      updatedAt: T0,
    };
    expect(member).toEqual(expected);
    expect(await db.members.get(ids.member)).toEqual(expected);

    const babies = await db.babies.orderBy('id').toArray();
    expect(babies).toEqual([
      {
        id: ids.baby1,
        memberId: ids.member,
        nickname: '豆豆',
        gender: 'boy',
        birthDate: '2025-06-10',
        expecting: false,
        createdAt: T0,
        updatedAt: T0,
      },
      {
        id: ids.baby2,
        memberId: ids.member,
        nickname: '',
        gender: 'unknown',
        birthDate: '2026-08-01',
        expecting: true,
        createdAt: T0,
        updatedAt: T0,
      },
    ]);
    expect(await db.tierHistory.toArray()).toEqual([
      {
        id: ids.history,
        memberId: ids.member,
        at: T0,
        fromTierId: null,
        toTierId: tierId(0),
        reason: 'registration',
        createdAt: T0,
        updatedAt: T0,
      },
    ]);
    expect(await tableCounts(db)).toEqual({ ...before, members: 1, babies: 2, tierHistory: 1 });
  });

  it('refuses a phone already on file, naming who has it, and writes nothing', async () => {
    const first = await registerMember(db, makeValidMember({ phone: '13812345678' }), ctx);
    const before = await tableCounts(db);
    const error = await rejection(
      registerMember(
        db,
        makeValidMember({
          name: '另一个人',
          phone: '13812345678',
          babies: [{ nickname: 'x', gender: 'girl', birthDate: '2025-01-01', expecting: false }],
        }),
        ctx,
      ),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).detail).toEqual({ code: 'duplicatePhone', memberId: first.id });
    expect(await tableCounts(db)).toEqual(before);
  });

  it('refuses an unknown referrer and accepts a known one', async () => {
    const error = await rejection(registerMember(db, makeValidMember({ referrerId: 'nobody' }), ctx));
    expect((error as DomainError).detail).toEqual({ code: 'notFound', entity: 'member' });
    expect(await db.members.count()).toBe(0);

    const referrer = await registerMember(db, makeValidMember({ phone: '13900000001' }), ctx);
    const referred = await registerMember(db, makeValidMember({ phone: '13900000002', referrerId: referrer.id }), ctx);
    expect((await db.members.get(referred.id))?.referrerId).toBe(referrer.id);
  });

  it('refuses to register without any tier', async () => {
    await db.tiers.clear();
    const error = await rejection(registerMember(db, makeValidMember(), ctx));
    expect((error as DomainError).detail).toEqual({ code: 'notFound', entity: 'tier' });
    expect(await db.members.count()).toBe(0);
  });
});

describe('updateMember', () => {
  async function registerWithBabies() {
    const member = await registerMember(
      db,
      makeValidMember({
        name: '王小红',
        phone: '13812345678',
        babies: [
          { nickname: '豆豆', gender: 'boy', birthDate: '2025-06-10', expecting: false },
          { nickname: '乐乐', gender: 'girl', birthDate: '2023-01-05', expecting: false },
        ],
      }),
      ctx,
    );
    const babies = await db.babies.where('memberId').equals(member.id).toArray();
    const doudou = babies.find((b) => b.nickname === '豆豆')!;
    const lele = babies.find((b) => b.nickname === '乐乐')!;
    return { member, doudou, lele };
  }

  it('keeps, edits, adds and removes babies, and leaves the aggregates alone', async () => {
    const { member, doudou, lele } = await registerWithBabies();
    // A sale so that the aggregates are not all zero: ¥19.90 at 普通 → 19 points.
    clock.set(localInstant(2026, 3, 2, 11, 0));
    await commitCheckout(db, { memberId: member.id, lines: [makeLine({ unitPriceFen: 1990 })], paymentMethod: 'cash' }, ctx);
    const other = await registerMember(db, makeValidMember({ name: '别人', phone: '13900000000' }), ctx);
    const otherBabyCount = await db.babies.where('memberId').equals(other.id).count();

    const T1 = localInstant(2026, 3, 5, 9, 0);
    clock.set(T1);
    const newBabyId = newId.peek(1);
    const { babies: _b, ...profile } = makeValidMember({
      name: '王小红（改）',
      phone: '13812340000',
      tags: ['二胎'],
      region: '海淀区',
    });
    await updateMember(
      db,
      member.id,
      {
        ...profile,
        babies: [
          { id: doudou.id, nickname: '豆豆大', gender: 'boy', birthDate: '2025-06-11', expecting: false },
          { nickname: '小三', gender: 'unknown', birthDate: '2026-08-01', expecting: true },
        ],
      },
      ctx,
    );

    const stored = await db.members.get(member.id);
    expect(stored).toEqual({
      ...member,
      ...profile,
      phoneRev: '00004321831',
      tierId: tierId(0),
      pointsBalance: 19,
      lifetimeSpendFen: 1990,
      visitCount: 1,
      lastPurchaseAt: localInstant(2026, 3, 2, 11, 0),
      growthValue: 19 + 10,
      updatedAt: T1,
    });
    expect(stored?.createdAt).toBe(T0);

    const babies = await db.babies.where('memberId').equals(member.id).toArray();
    babies.sort((a, b) => a.birthDate.localeCompare(b.birthDate));
    expect(babies).toEqual([
      { ...doudou, nickname: '豆豆大', birthDate: '2025-06-11', updatedAt: T1 },
      {
        id: newBabyId,
        memberId: member.id,
        nickname: '小三',
        gender: 'unknown',
        birthDate: '2026-08-01',
        expecting: true,
        createdAt: T1,
        updatedAt: T1,
      },
    ]);
    expect(await db.babies.get(lele.id)).toBeUndefined();
    expect(await db.babies.where('memberId').equals(other.id).count()).toBe(otherBabyCount);
    // the old phone finds nobody, the new one finds her
    expect(await searchMembers(db, '13812345678')).toEqual([]);
    expect((await searchMembers(db, '13812340000')).map((m) => m.id)).toEqual([member.id]);
    expect((await searchMembers(db, '40000')).map((m) => m.id)).toEqual([member.id]);
  });

  it('removes every baby when the list is empty', async () => {
    const { member } = await registerWithBabies();
    const { babies: _b, ...profile } = makeValidMember({ phone: member.phone });
    await updateMember(db, member.id, { ...profile, babies: [] }, ctx);
    expect(await db.babies.count()).toBe(0);
  });

  it('refuses a phone that belongs to another member, and changes nothing', async () => {
    const { member } = await registerWithBabies();
    const other = await registerMember(db, makeValidMember({ name: '别人', phone: '13900000000' }), ctx);
    const membersBefore = await db.members.toArray();
    const babiesBefore = await db.babies.toArray();
    const { babies: _b, ...profile } = makeValidMember({ name: '新名字', phone: '13900000000' });
    const error = await rejection(updateMember(db, member.id, { ...profile, babies: [] }, ctx));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).detail).toEqual({ code: 'duplicatePhone', memberId: other.id });
    expect(await db.members.toArray()).toEqual(membersBefore);
    expect(await db.babies.toArray()).toEqual(babiesBefore);
  });

  it('refuses a member as her own referrer and an unknown member', async () => {
    const { member } = await registerWithBabies();
    const { babies: _b, ...profile } = makeValidMember({ phone: member.phone, referrerId: member.id });
    const e1 = await rejection(updateMember(db, member.id, { ...profile, babies: [] }, ctx));
    expect((e1 as DomainError).detail).toEqual({ code: 'invalid', field: 'referrerId' });
    expect(await db.babies.count()).toBe(2);

    const e2 = await rejection(updateMember(db, 'nobody', { ...profile, referrerId: null, babies: [] }, ctx));
    expect((e2 as DomainError).detail).toEqual({ code: 'notFound', entity: 'member' });
  });
});

describe('searchMembers', () => {
  const ids: Record<string, string> = {};

  beforeEach(async () => {
    const people: [string, string, string][] = [
      ['m1', '王小红', '13812345678'],
      ['m2', '王芳', '13912345678'],
      ['m3', 'Lily Chen', '15000001111'],
      ['m4', 'linda', '18600000138'],
      ['m5', '李娜', '13700009999'],
    ];
    for (const [key, name, phone] of people) {
      ids[key] = (await registerMember(db, makeValidMember({ name, phone }), ctx)).id;
    }
    await db.members.update(ids.m5!, { deletedAt: T0 }); // soft-deleted: never found
  });

  const search = async (text: string, limit?: number) => (await searchMembers(db, text, limit)).map((m) => m.name);

  it('finds by the last 4 digits', async () => {
    expect(await search('5678')).toEqual(['王小红', '王芳']);
    expect(await search('1111')).toEqual(['Lily Chen']);
  });

  it('finds by the full number, typed with spaces or dashes', async () => {
    expect(await search('13812345678')).toEqual(['王小红']);
    expect(await search('138 1234 5678')).toEqual(['王小红']);
    expect(await search('138-1234-5678')).toEqual(['王小红']);
    expect(await search('13812345679')).toEqual([]);
  });

  it('finds 3 digits as the end of the number first, then as its start, without repeats', async () => {
    expect(await search('150')).toEqual(['Lily Chen']);
    // 18600000138 ends with 138; 13812345678 starts with it
    expect(await search('138')).toEqual(['linda', '王小红']);
    // 0138 ends 18600000138 and starts nobody
    expect(await search('0138')).toEqual(['linda']);
  });

  it('lists a member who both starts and ends with the digits once', async () => {
    await registerMember(db, makeValidMember({ name: '周周', phone: '13800000138' }), ctx);
    // ends with 138: 18600000138 (reversed 83100000681), 13800000138 (83100000831); then starts: 13812345678
    expect(await search('138')).toEqual(['linda', '周周', '王小红']);
  });

  it('needs at least 3 digits', async () => {
    expect(await search('13')).toEqual([]);
    expect(await search('8')).toEqual([]);
  });

  it('finds by name prefix, Chinese and case-insensitive Latin', async () => {
    expect(await search('王')).toEqual(['王小红', '王芳']);
    expect(await search('王芳')).toEqual(['王芳']);
    expect(await search('小红')).toEqual([]);
    expect(await search('lily')).toEqual(['Lily Chen']);
    expect(await search('LILY C')).toEqual(['Lily Chen']);
    expect(await search('  Lin ')).toEqual(['linda']);
    expect(await search('li')).toEqual(['Lily Chen', 'linda']);
  });

  it('never returns a deleted member', async () => {
    expect(await search('李')).toEqual([]);
    expect(await search('9999')).toEqual([]);
    expect(await search('13700009999')).toEqual([]);
  });

  it('returns nothing for blank text and honours the limit', async () => {
    expect(await search('   ')).toEqual([]);
    expect(await search('王', 1)).toEqual(['王小红']);
  });
});

describe('member list and page', () => {
  it('lists ids newest first and loads rows', async () => {
    const a = await registerMember(db, makeValidMember({ phone: '13900000001' }), ctx);
    clock.set(localInstant(2026, 3, 2));
    const b = await registerMember(db, makeValidMember({ phone: '13900000002' }), ctx);
    clock.set(localInstant(2026, 3, 3));
    const c = await registerMember(db, makeValidMember({ phone: '13900000003' }), ctx);
    expect(await memberIdsNewestFirst(db)).toEqual([c.id, b.id, a.id]);
    expect((await memberRows(db, [b.id, 'gone', a.id])).map((m) => m.id)).toEqual([b.id, a.id]);
    expect(await countMembers(db)).toBe(3);
  });

  it('gives her babies by birth date and her sales and points newest first', async () => {
    const member = await registerMember(
      db,
      makeValidMember({
        babies: [
          { nickname: '小', gender: 'girl', birthDate: '2025-06-10', expecting: false },
          { nickname: '大', gender: 'boy', birthDate: '2022-01-05', expecting: false },
        ],
      }),
      ctx,
    );
    const other = await registerMember(db, makeValidMember({ phone: '13900000000' }), ctx);
    const saleIds: string[] = [];
    // Rung up out of time order on purpose: the page must sort by `at`, not by insertion.
    for (const [day, price] of [
      [3, 1000],
      [1, 2000],
      [5, 3000],
    ] as const) {
      clock.set(localInstant(2026, 3, day, 12, 0));
      const rows = await commitCheckout(
        db,
        { memberId: member.id, lines: [makeLine({ unitPriceFen: price })], paymentMethod: 'cash' },
        ctx,
      );
      saleIds.push(rows.sale.id);
    }
    await commitCheckout(db, { memberId: other.id, lines: [makeLine()], paymentMethod: 'cash' }, ctx);
    await commitCheckout(db, { memberId: null, lines: [makeLine()], paymentMethod: 'cash' }, ctx);

    const page = await memberPage(db, member.id);
    expect(page?.member.id).toBe(member.id);
    expect(page?.babies.map((b) => b.nickname)).toEqual(['大', '小']);
    expect(page?.sales.map((s) => s.id)).toEqual([saleIds[2], saleIds[0], saleIds[1]]);
    expect(page?.sales.map((s) => s.totalFen)).toEqual([3000, 1000, 2000]);
    expect(page?.points.map((p) => p.points)).toEqual([30, 10, 20]);
    expect(page?.points.map((p) => p.saleId)).toEqual([saleIds[2], saleIds[0], saleIds[1]]);
    expect(await memberPage(db, 'nobody')).toBeNull();
  });

  it('pages her timeline, cut to the span every kind covers, and says when older entries are left', async () => {
    const member = await registerMember(db, makeValidMember(), ctx);
    // Sales on days 1–5 of March (each with its points row at the same instant) and two owner
    // adjustments on day 6, so the points list runs further than the sales list.
    for (let day = 1; day <= 5; day++) {
      clock.set(localInstant(2026, 3, day, 12, 0));
      await commitCheckout(db, { memberId: member.id, lines: [makeLine({ unitPriceFen: day * 1000 })], paymentMethod: 'cash' }, ctx);
    }
    clock.set(localInstant(2026, 3, 6, 9, 0));
    await adjustPoints(db, { memberId: member.id, points: 7, reason: '生日' }, ctx);
    clock.set(localInstant(2026, 3, 6, 10, 0));
    await adjustPoints(db, { memberId: member.id, points: 8, reason: '补录' }, ctx);

    const page3 = await memberPage(db, member.id, 3);
    // Points' newest 3 are the two adjustments and day 5's sale; its 4th (day 4) is the cut, so
    // sales stop at day 5 too.
    expect(page3?.points.map((p) => p.points)).toEqual([8, 7, 50]);
    expect(page3?.sales.map((s) => s.totalFen)).toEqual([5000]);
    expect(page3?.hasOlder).toBe(true);

    const page6 = await memberPage(db, member.id, 6);
    expect(page6?.points.map((p) => p.points)).toEqual([8, 7, 50, 40, 30, 20]);
    expect(page6?.sales.map((s) => s.totalFen)).toEqual([5000, 4000, 3000, 2000]);
    expect(page6?.hasOlder).toBe(true);

    const page7 = await memberPage(db, member.id, 7);
    expect(page7?.points).toHaveLength(7);
    expect(page7?.sales).toHaveLength(5);
    expect(page7?.hasOlder).toBe(false);
  });
});
