import { isIsoDate, type IsoDate } from './clock';
import type { Id } from './ids';
import type { Fen } from './money';
import { normalizePhone, reversePhone } from './phone';
import type { BabyGender } from './baby';

export type Gender = 'female' | 'male' | 'unknown';

export interface MarketingConsent {
  sms: boolean;
  wechat: boolean;
  email: boolean;
}

export interface Member {
  id: Id;
  name: string;
  /** 11 bare digits; unique. */
  phone: string;
  /** The phone reversed, indexed so "last 4 digits" is a prefix lookup. */
  phoneRev: string;
  gender: Gender;
  birthday: IsoDate | null;
  region: string;
  address: string;
  wechat: string;
  email: string;
  tags: string[];
  notes: string;
  joinedOn: IsoDate;
  referrerId: Id | null;
  registeredBy: Id | null;
  consent: MarketingConsent;
  tierId: Id;
  // Caches of the ledgers, written in the same transaction as the ledger rows; `verify` rechecks them.
  pointsBalance: number;
  storedValueFen: Fen;
  lifetimeSpendFen: Fen;
  visitCount: number;
  lastPurchaseAt: number | null;
  /** When the referral reward for her first purchase was given (both sides), so it is given once. */
  referralRewardedAt?: number;
  /** When the profile-completion reward was given (once). */
  profileRewardedAt?: number;
  /** The year her last birthday coupon was issued (once a year). */
  birthdayCouponYear?: number;
  /** Growth value: the sum of her growth ledger (a cache, like pointsBalance). */
  growthValue?: number;
  /** Months of membership already credited to her growth value, and the year it last decayed. */
  growthMonths?: number;
  growthDecayYear?: number;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  /** Erased on request: the personal fields above are blank; her amounts stay for the books. */
  erasedAt?: number;
}

export interface BabyInput {
  nickname: string;
  gender: BabyGender;
  birthDate: string;
  expecting: boolean;
}

/** What the registration form collects, as typed. */
export interface MemberInput {
  name: string;
  phone: string;
  gender: Gender;
  birthday: string;
  region: string;
  address: string;
  wechat: string;
  email: string;
  tags: string;
  notes: string;
  referrerId: Id | null;
  consent: MarketingConsent;
  babies: BabyInput[];
}

export type MemberFieldError =
  | 'required'
  | 'tooLong'
  | 'phoneFormat'
  | 'dateFormat'
  | 'dateInFuture'
  | 'dateTooOld'
  | 'dueDateInPast'
  | 'dueDateTooFar'
  | 'birthDateInFuture'
  | 'emailFormat';

export interface ValidMember {
  name: string;
  phone: string;
  gender: Gender;
  birthday: IsoDate | null;
  region: string;
  address: string;
  wechat: string;
  email: string;
  tags: string[];
  notes: string;
  referrerId: Id | null;
  consent: MarketingConsent;
  babies: { nickname: string; gender: BabyGender; birthDate: IsoDate; expecting: boolean }[];
}

export type MemberErrors = Partial<Record<Exclude<keyof MemberInput, 'babies'>, MemberFieldError>> & {
  babies?: Partial<Record<keyof BabyInput, MemberFieldError>>[];
};

const MAX_TEXT = 200;
const MAX_NOTES = 2000;

/** Check a typed form; nothing reaches the database until this returns ok. */
export function validateMember(
  input: MemberInput,
  today: IsoDate,
): { ok: true; value: ValidMember } | { ok: false; errors: MemberErrors } {
  const errors: MemberErrors = {};
  const name = input.name.trim();
  if (name === '') errors.name = 'required';
  else if (name.length > 50) errors.name = 'tooLong';

  const phone = normalizePhone(input.phone);
  if (!phone.ok) errors.phone = phone.error === 'empty' ? 'required' : 'phoneFormat';

  const birthday = input.birthday.trim();
  if (birthday !== '') {
    if (!isIsoDate(birthday)) errors.birthday = 'dateFormat';
    else if (birthday > today) errors.birthday = 'dateInFuture';
    else if (birthday < '1900-01-01') errors.birthday = 'dateTooOld';
  }

  const email = input.email.trim();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'emailFormat';
  for (const key of ['region', 'address', 'wechat', 'tags'] as const) {
    if (input[key].trim().length > MAX_TEXT) errors[key] = 'tooLong';
  }
  if (input.notes.length > MAX_NOTES) errors.notes = 'tooLong';

  const babyErrors = input.babies.map((b) => validateBaby(b, today));
  if (babyErrors.some((e) => Object.keys(e).length > 0)) errors.babies = babyErrors;

  if (Object.keys(errors).length > 0 || !phone.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      phone: phone.phone,
      gender: input.gender,
      birthday: birthday === '' ? null : birthday,
      region: input.region.trim(),
      address: input.address.trim(),
      wechat: input.wechat.trim(),
      email,
      tags: parseTags(input.tags),
      notes: input.notes.trim(),
      referrerId: input.referrerId,
      consent: { ...input.consent },
      babies: input.babies.map((b) => ({
        nickname: b.nickname.trim(),
        gender: b.gender,
        birthDate: b.birthDate.trim(),
        expecting: b.expecting,
      })),
    },
  };
}

function validateBaby(b: BabyInput, today: IsoDate): Partial<Record<keyof BabyInput, MemberFieldError>> {
  const e: Partial<Record<keyof BabyInput, MemberFieldError>> = {};
  if (b.nickname.trim().length > 30) e.nickname = 'tooLong';
  const date = b.birthDate.trim();
  if (date === '') e.birthDate = 'required';
  else if (!isIsoDate(date)) e.birthDate = 'dateFormat';
  else if (b.expecting) {
    if (date < today) e.birthDate = 'dueDateInPast';
    else if (date > addYears(today, 1)) e.birthDate = 'dueDateTooFar';
  } else if (date > today) e.birthDate = 'birthDateInFuture';
  else if (date < addYears(today, -18)) e.birthDate = 'dateTooOld';
  return e;
}

/** Tags typed as "奶粉, 二胎；VIP" → ['奶粉', '二胎', 'VIP'], without repeats. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[,，;；、\s]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return [...new Set(tags)];
}

function addYears(date: IsoDate, years: number): IsoDate {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

export function emptyMemberInput(): MemberInput {
  return {
    name: '',
    phone: '',
    gender: 'female',
    birthday: '',
    region: '',
    address: '',
    wechat: '',
    email: '',
    tags: '',
    notes: '',
    referrerId: null,
    consent: { sms: false, wechat: false, email: false },
    babies: [],
  };
}

/** A profile complete enough to reward: birthday, region, address and at least one baby. */
export function isProfileComplete(
  member: Pick<Member, 'birthday' | 'region' | 'address'>,
  babyCount: number,
): boolean {
  return member.birthday !== null && member.region.trim() !== '' && member.address.trim() !== '' && babyCount > 0;
}

/**
 * Whether `today` is her birthday ('MM-DD'); a 29 February birthday is kept on 28 February in
 * years without one.
 */
export function isBirthdayOn(birthday: IsoDate | null, today: IsoDate): boolean {
  if (!birthday) return false;
  const md = birthday.slice(5);
  if (md === today.slice(5)) return true;
  const year = Number(today.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return md === '02-29' && !leap && today.slice(5) === '02-28';
}

/**
 * Erasure on request (PIPL): the same row with every personal field blank — her id, tier, dates and
 * cached amounts stay, so her sales and ledgers still add up. The phone becomes a placeholder that is
 * no phone number (no run of 11 digits) and unique, as the phone index needs.
 */
export function erasedMember(member: Member, now: number): Member {
  const phone = `erased:${member.id}`;
  return {
    ...member,
    name: '',
    phone,
    phoneRev: reversePhone(phone),
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
    updatedAt: now,
    deletedAt: member.deletedAt ?? now,
    erasedAt: now,
  };
}
