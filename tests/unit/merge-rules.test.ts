import { describe, expect, it } from 'vitest';
import { foldMember } from '../../src/lib/domain/member-merge';
import type { Member } from '../../src/lib/domain/member';
import { canonicalJson, jobKey, repointRow, rowOutcome, sameRow } from '../../src/lib/io/backup/merge-rules';

const maps = { members: new Map([['m-other', 'm-ours']]), products: new Map([['p-other', 'p-ours']]), tiers: new Map([['t-other', 't-ours']]) };

describe('merge rules', () => {
  it('compares rows whatever their key order, with undefined fields left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(sameRow({ id: 'x', a: 1 }, { a: 1, id: 'x', z: undefined })).toBe(true);
    expect(sameRow({ id: 'x', a: 1 }, { id: 'x', a: 2 })).toBe(false);
  });

  it('lets the newer updatedAt win for mutable rows, keeps ours on a tie and for ledgers', () => {
    const ours = { id: 'r', name: 'a', updatedAt: 10 };
    expect(rowOutcome('newerWins', undefined, ours)).toBe('add');
    expect(rowOutcome('newerWins', ours, { ...ours })).toBe('unchanged');
    expect(rowOutcome('newerWins', ours, { ...ours, name: 'b', updatedAt: 11 })).toBe('update');
    expect(rowOutcome('newerWins', ours, { ...ours, name: 'b', updatedAt: 10 })).toBe('keptLocal');
    expect(rowOutcome('newerWins', ours, { ...ours, name: 'b', updatedAt: 9 })).toBe('keptLocal');
    expect(rowOutcome('union', ours, { ...ours, name: 'b', updatedAt: 99 })).toBe('keptLocal');
    expect(rowOutcome('union', undefined, ours)).toBe('add');
    expect(rowOutcome('keepLocal', { key: 's', value: 1 }, { key: 's', value: 2 })).toBe('keptLocal');
    expect(rowOutcome('rebuilt', undefined, { date: '2026-01-01' })).toBe('skipped');
  });

  it('re-points members, tiers and sale lines’ products, leaving other ids alone', () => {
    const sale = { id: 's', memberId: 'm-other', lines: [{ productId: 'p-other' }, { productId: 'p-x' }, { productId: null }] };
    expect(repointRow('sales', sale, maps)).toEqual({ id: 's', memberId: 'm-ours', lines: [{ productId: 'p-ours' }, { productId: 'p-x' }, { productId: null }] });
    expect(repointRow('members', { id: 'k', referrerId: 'm-other' }, maps)).toEqual({ id: 'k', referrerId: 'm-ours' });
    expect(repointRow('tierHistory', { id: 'h', memberId: 'm-other', fromTierId: null, toTierId: 't-other' }, maps)).toEqual({ id: 'h', memberId: 'm-ours', fromTierId: null, toTierId: 't-ours' });
    expect(repointRow('members', { id: 'k', tierId: 't-other' }, maps)).toEqual({ id: 'k', tierId: 't-ours' });
    expect(repointRow('segments', { id: 'g', filter: { tierIds: ['t-other', 't-x'], tags: [] } }, maps)).toEqual({ id: 'g', filter: { tierIds: ['t-ours', 't-x'], tags: [] } });
    const untouched = { id: 'e', eventId: 'm-other', memberId: 'm-3' };
    expect(repointRow('eventSignups', untouched, maps)).toBe(untouched);
  });

  it('knows the rows both devices’ daily jobs write for one fact', () => {
    expect(jobKey('pointsLedger', { memberId: 'm', kind: 'expire', lotId: 'L1' })).toBe('expire|m|L1');
    expect(jobKey('pointsLedger', { memberId: 'm', kind: 'earn', lotId: null })).toBeNull();
    expect(jobKey('growthLedger', { memberId: 'm', kind: 'tenure' })).toBe('tenure|m');
    expect(jobKey('growthLedger', { memberId: 'm', kind: 'decay', at: new Date(2027, 0, 1).getTime() })).toBe('decay|m|2027');
    expect(jobKey('growthLedger', { memberId: 'm', kind: 'purchase' })).toBeNull();
    expect(jobKey('sales', { memberId: 'm', kind: 'expire' })).toBeNull();
  });
});

describe('folding two records of one member', () => {
  const base = {
    id: 'keep', name: '王芳', phone: '1', phoneRev: '1', gender: 'unknown', birthday: null, region: '', address: '朝阳路 1 号',
    wechat: '', email: '', tags: ['VIP'], notes: '爱喝奶', joinedOn: '2026-05-01', referrerId: null, registeredBy: 's',
    consent: { sms: true, wechat: false, email: false }, tierId: 't', pointsBalance: 5, storedValueFen: 0, lifetimeSpendFen: 0,
    visitCount: 0, lastPurchaseAt: null, createdAt: 1, updatedAt: 1,
  } as unknown as Member;
  it('keeps hers, fills her blanks, joins tags and notes, takes the earlier join date', () => {
    const other = { ...base, id: 'drop', name: '王芳芳', gender: 'female', wechat: 'wf', address: '别处', tags: ['二胎', 'VIP'], notes: '过敏', joinedOn: '2026-02-01', referrerId: 'keep' } as Member;
    expect(foldMember(base, other)).toMatchObject({
      id: 'keep', name: '王芳', gender: 'female', wechat: 'wf', address: '朝阳路 1 号', tags: ['VIP', '二胎'], notes: '爱喝奶\n过敏', joinedOn: '2026-02-01', referrerId: null, pointsBalance: 5,
    });
  });
});
