import { describe, expect, it } from 'vitest';
import { emptyMemberInput, erasedMember, isBirthdayOn, isProfileComplete, parseTags, validateMember, type Member } from '../../src/lib/domain/member';
import { makeBabyInput, makeMemberInput } from '../fixtures/factories';

const today = '2026-03-01';

describe('validateMember', () => {
  it('returns the cleaned value for a good form', () => {
    const result = validateMember(
      makeMemberInput({
        name: '  王小红 ',
        phone: '+86 138-1234-5678',
        gender: 'female',
        birthday: ' 1990-05-20 ',
        region: ' 朝阳区 ',
        address: ' 某路 1 号 ',
        wechat: ' wxid_abc ',
        email: ' lily@example.com ',
        tags: '奶粉, 二胎；VIP 奶粉',
        notes: '  对乳糖过敏  ',
        referrerId: 'm-9',
        consent: { sms: true, wechat: false, email: true },
        babies: [
          makeBabyInput({ nickname: ' 豆豆 ', gender: 'boy', birthDate: '2025-06-10', expecting: false }),
          makeBabyInput({ nickname: '', gender: 'unknown', birthDate: ' 2026-08-01 ', expecting: true }),
        ],
      }),
      today,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        name: '王小红',
        phone: '13812345678',
        gender: 'female',
        birthday: '1990-05-20',
        region: '朝阳区',
        address: '某路 1 号',
        wechat: 'wxid_abc',
        email: 'lily@example.com',
        tags: ['奶粉', '二胎', 'VIP'],
        notes: '对乳糖过敏',
        referrerId: 'm-9',
        consent: { sms: true, wechat: false, email: true },
        babies: [
          { nickname: '豆豆', gender: 'boy', birthDate: '2025-06-10', expecting: false },
          { nickname: '', gender: 'unknown', birthDate: '2026-08-01', expecting: true },
        ],
      },
    });
  });

  it('gives a null birthday when none is typed', () => {
    const result = validateMember(makeMemberInput({ birthday: '   ' }), today);
    expect(result.ok && result.value.birthday).toBeNull();
  });

  it('requires a name and a phone', () => {
    const result = validateMember({ ...emptyMemberInput(), name: '   ' }, today);
    expect(result).toEqual({ ok: false, errors: { name: 'required', phone: 'required' } });
  });

  it('refuses a name over 50 characters and a phone that is not a mobile number', () => {
    expect(validateMember(makeMemberInput({ name: '王'.repeat(50) }), today).ok).toBe(true);
    expect(validateMember(makeMemberInput({ name: '王'.repeat(51), phone: '12812345678' }), today)).toEqual({
      ok: false,
      errors: { name: 'tooLong', phone: 'phoneFormat' },
    });
    expect(validateMember(makeMemberInput({ phone: '138123456789' }), today)).toEqual({
      ok: false,
      errors: { phone: 'phoneFormat' },
    });
  });

  it('checks the birthday', () => {
    expect(validateMember(makeMemberInput({ birthday: '2026-03-02' }), today)).toEqual({
      ok: false,
      errors: { birthday: 'dateInFuture' },
    });
    expect(validateMember(makeMemberInput({ birthday: '2026-03-01' }), today).ok).toBe(true);
    expect(validateMember(makeMemberInput({ birthday: '1990-02-30' }), today)).toEqual({
      ok: false,
      errors: { birthday: 'dateFormat' },
    });
    expect(validateMember(makeMemberInput({ birthday: '1990/05/20' }), today)).toEqual({
      ok: false,
      errors: { birthday: 'dateFormat' },
    });
    expect(validateMember(makeMemberInput({ birthday: '1899-12-31' }), today)).toEqual({
      ok: false,
      errors: { birthday: 'dateTooOld' },
    });
    expect(validateMember(makeMemberInput({ birthday: '1900-01-01' }), today).ok).toBe(true);
  });

  it('checks the email format', () => {
    expect(validateMember(makeMemberInput({ email: 'lily@example' }), today)).toEqual({
      ok: false,
      errors: { email: 'emailFormat' },
    });
    expect(validateMember(makeMemberInput({ email: 'li ly@example.com' }), today)).toEqual({
      ok: false,
      errors: { email: 'emailFormat' },
    });
    expect(validateMember(makeMemberInput({ email: 'a@b.cn' }), today).ok).toBe(true);
  });

  it('limits free-text lengths', () => {
    expect(
      validateMember(
        makeMemberInput({
          region: 'x'.repeat(201),
          address: 'x'.repeat(201),
          wechat: 'x'.repeat(201),
          tags: 'x'.repeat(201),
          notes: 'x'.repeat(2001),
        }),
        today,
      ),
    ).toEqual({
      ok: false,
      errors: { region: 'tooLong', address: 'tooLong', wechat: 'tooLong', tags: 'tooLong', notes: 'tooLong' },
    });
    expect(validateMember(makeMemberInput({ region: 'x'.repeat(200), notes: 'x'.repeat(2000) }), today).ok).toBe(true);
  });

  describe('babies', () => {
    const check = (...babies: ReturnType<typeof makeBabyInput>[]) =>
      validateMember(makeMemberInput({ babies }), today);

    it('refuses an expecting baby whose due date has passed', () => {
      expect(check(makeBabyInput({ birthDate: '2026-02-28', expecting: true }))).toEqual({
        ok: false,
        errors: { babies: [{ birthDate: 'dueDateInPast' }] },
      });
      expect(check(makeBabyInput({ birthDate: '2026-03-01', expecting: true })).ok).toBe(true);
    });

    it('refuses a due date more than a year away', () => {
      expect(check(makeBabyInput({ birthDate: '2027-03-01', expecting: true })).ok).toBe(true);
      expect(check(makeBabyInput({ birthDate: '2027-03-02', expecting: true }))).toEqual({
        ok: false,
        errors: { babies: [{ birthDate: 'dueDateTooFar' }] },
      });
    });

    it('refuses a birth date in the future without expecting', () => {
      expect(check(makeBabyInput({ birthDate: '2026-03-02', expecting: false }))).toEqual({
        ok: false,
        errors: { babies: [{ birthDate: 'birthDateInFuture' }] },
      });
      expect(check(makeBabyInput({ birthDate: '2026-03-01', expecting: false })).ok).toBe(true);
    });

    it('refuses a birth date more than 18 years ago, a missing date and a bad date', () => {
      expect(check(makeBabyInput({ birthDate: '2008-03-01' })).ok).toBe(true);
      expect(check(makeBabyInput({ birthDate: '2008-02-29' }))).toEqual({
        ok: false,
        errors: { babies: [{ birthDate: 'dateTooOld' }] },
      });
      expect(check(makeBabyInput({ birthDate: '  ' }))).toEqual({
        ok: false,
        errors: { babies: [{ birthDate: 'required' }] },
      });
      expect(check(makeBabyInput({ birthDate: '2025-02-29' }))).toEqual({
        ok: false,
        errors: { babies: [{ birthDate: 'dateFormat' }] },
      });
    });

    it('refuses a nickname over 30 characters', () => {
      expect(check(makeBabyInput({ nickname: '豆'.repeat(31), birthDate: '2025-01-01' }))).toEqual({
        ok: false,
        errors: { babies: [{ nickname: 'tooLong' }] },
      });
    });

    it('lists an error object per baby, empty for the good ones', () => {
      expect(
        check(
          makeBabyInput({ birthDate: '2025-01-01' }),
          makeBabyInput({ birthDate: '2026-01-01', expecting: true }),
          makeBabyInput({ birthDate: '2024-06-01' }),
        ),
      ).toEqual({ ok: false, errors: { babies: [{}, { birthDate: 'dueDateInPast' }, {}] } });
    });
  });
});

describe('parseTags', () => {
  it('splits on commas, semicolons, 、 and spaces (half- and full-width) and drops repeats', () => {
    expect(parseTags('奶粉, 二胎；VIP 奶粉')).toEqual(['奶粉', '二胎', 'VIP']);
    expect(parseTags('a,b，c;d；e、f g')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(parseTags('  ,, ；')).toEqual([]);
    expect(parseTags('')).toEqual([]);
    expect(parseTags('VIP vip')).toEqual(['VIP', 'vip']);
  });
});

describe('profile completeness and birthdays', () => {
  it('a complete profile has birthday, region, address and a baby', () => {
    const full = { birthday: '1990-01-01', region: '西湖区', address: '文三路 1 号' };
    expect(isProfileComplete(full, 1)).toBe(true);
    expect(isProfileComplete(full, 0)).toBe(false);
    expect(isProfileComplete({ ...full, birthday: null }, 1)).toBe(false);
    expect(isProfileComplete({ ...full, region: ' ' }, 1)).toBe(false);
    expect(isProfileComplete({ ...full, address: '' }, 2)).toBe(false);
  });

  it('a birthday is its month and day; 29 February falls on 28 February in other years', () => {
    expect(isBirthdayOn('1990-05-05', '2026-05-05')).toBe(true);
    expect(isBirthdayOn('1990-05-05', '2026-05-06')).toBe(false);
    expect(isBirthdayOn(null, '2026-05-05')).toBe(false);
    expect(isBirthdayOn('1992-02-29', '2027-02-28')).toBe(true);
    expect(isBirthdayOn('1992-02-29', '2028-02-28')).toBe(false);
    expect(isBirthdayOn('1992-02-29', '2028-02-29')).toBe(true);
    expect(isBirthdayOn('1992-02-28', '2027-02-28')).toBe(true);
  });
});

describe('erasedMember', () => {
  const her: Member = {
    id: '0f8e2a13-2872-448a-9dd1-d68787eeb419',
    name: '王小红',
    phone: '13812345678',
    phoneRev: '87654321831',
    gender: 'female',
    birthday: '1990-05-03',
    region: '西湖区',
    address: '文三路 1 号',
    wechat: 'wxhong',
    email: 'hong@example.com',
    tags: ['奶粉'],
    notes: '老公姓李',
    joinedOn: '2025-01-02',
    referrerId: 'r1',
    registeredBy: 's1',
    consent: { sms: true, wechat: true, email: false },
    tierId: 't2',
    pointsBalance: 1200,
    storedValueFen: 5000,
    lifetimeSpendFen: 250_000,
    visitCount: 9,
    lastPurchaseAt: 1_700_000_000_000,
    createdAt: 1,
    updatedAt: 2,
  };

  it('blanks every personal field and keeps her amounts, tier and dates', () => {
    expect(erasedMember(her, 99)).toEqual({
      ...her,
      name: '',
      phone: 'erased:0f8e2a13-2872-448a-9dd1-d68787eeb419',
      phoneRev: '914bee78786d-1dd9-a844-2782-31a2e8f0:desare',
      gender: 'unknown',
      birthday: null,
      region: '',
      address: '',
      wechat: '',
      email: '',
      tags: [],
      notes: '',
      referrerId: null,
      consent: { sms: false, wechat: false, email: false },
      updatedAt: 99,
      deletedAt: 99,
      erasedAt: 99,
    });
  });

  it('keeps an earlier deletion date', () => {
    expect(erasedMember({ ...her, deletedAt: 50 }, 99).deletedAt).toBe(50);
  });
});
