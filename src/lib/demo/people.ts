import type { BabyGender } from '../domain/baby';
import type { MemberAtCheckout } from '../domain/checkout';
import { addDays, addMonths, daysBetween, daysInMonth, localDateOf, type IsoDate } from '../domain/clock';
import type { Id } from '../domain/ids';
import type { Gender, MarketingConsent, Member } from '../domain/member';
import { reversePhone } from '../domain/phone';
import type { Product } from '../domain/product';
import { DAY_MS } from './calendar';
import {
  BABY_NICKNAMES,
  DISTRICTS,
  DISTRICT_WEIGHTS,
  ESTATES,
  FEMALE_GIVEN,
  FORMULA_BRANDS,
  FORMULA_BRAND_WEIGHTS,
  MALE_GIVEN,
  NOTES,
  PHONE_PREFIXES,
  STREETS,
  SURNAMES,
  TAGS,
  UNBORN_NICKNAMES,
} from './data';
import type { Rng } from './prng';

/** A member's profile as registered (her ledgers and caches come from the simulated sales). */
export type Profile = Pick<
  Member,
  | 'id'
  | 'name'
  | 'phone'
  | 'phoneRev'
  | 'gender'
  | 'birthday'
  | 'region'
  | 'address'
  | 'wechat'
  | 'email'
  | 'tags'
  | 'notes'
  | 'consent'
>;

export interface BabyDraft {
  id: Id;
  nickname: string;
  gender: BabyGender;
  birthDate: IsoDate;
  expecting: boolean;
}

/** Surnames are drawn with a gently falling weight: 王/李/张 are common, 诸葛 is rare. */
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => 1 / (i + 6));

/** A profile with a phone number no earlier profile has (`phones` remembers them). */
export function makeProfile(rng: Rng, phones: Set<string>, endDate: IsoDate): Profile {
  const id = rng.uuid();
  const g = rng.float();
  const gender: Gender = g < 0.85 ? 'female' : g < 0.97 ? 'male' : 'unknown';
  const given = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN;
  const name =
    (SURNAMES[rng.weighted(SURNAME_WEIGHTS)] ?? '王') +
    rng.pick(given) +
    (rng.chance(0.7) ? rng.pick(given) : '');

  let phone: string;
  do phone = rng.pick(PHONE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');
  while (phones.has(phone));
  phones.add(phone);

  let birthday: IsoDate | null = null;
  if (rng.chance(0.6)) {
    const year = Number(endDate.slice(0, 4)) - rng.between(22, 42);
    const month = rng.between(1, 12);
    const day = rng.between(1, daysInMonth(year, month));
    birthday = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }

  const region = DISTRICTS[rng.weighted(DISTRICT_WEIGHTS)] ?? '';
  const address = rng.chance(0.4)
    ? `${region}${rng.pick(STREETS)}${rng.between(1, 999)}号${rng.pick(ESTATES)}${rng.between(1, 30)}幢${rng.between(1, 3)}单元${rng.between(1, 28)}0${rng.between(1, 4)}室`
    : '';
  const wechat = rng.chance(0.3) ? `wxid_${rng.u32().toString(36)}${rng.int(1000)}` : '';
  const email = rng.chance(0.06) ? `${rng.between(10_000_000, 2_999_999_999)}@qq.com` : '';
  const tags: string[] = [];
  for (let k = rng.weighted([55, 30, 15]); k > 0; k--) {
    const tag = rng.pick(TAGS);
    if (!tags.includes(tag)) tags.push(tag);
  }
  const notes = rng.chance(0.08) ? rng.pick(NOTES) : '';
  const sms = rng.chance(0.7);
  const consent: MarketingConsent = {
    sms,
    wechat: rng.chance(sms ? 0.75 : 0.3),
    email: email !== '' && rng.chance(0.5),
  };
  return {
    id,
    name,
    phone,
    phoneRev: reversePhone(phone),
    gender,
    birthday,
    region,
    address,
    wechat,
    email,
    tags,
    notes,
    consent,
  };
}

function dateBetween(rng: Rng, lo: IsoDate, hi: IsoDate): IsoDate {
  return addDays(lo, rng.int(Math.max(daysBetween(lo, hi), 0) + 1));
}

function bornBaby(rng: Rng, birthDate: IsoDate): BabyDraft {
  const g = rng.float();
  return {
    id: rng.uuid(),
    nickname: rng.chance(0.85) ? rng.pick(BABY_NICKNAMES) : '',
    gender: g < 0.48 ? 'girl' : g < 0.96 ? 'boy' : 'unknown',
    birthDate,
    expecting: false,
  };
}

/**
 * A member's babies: ~8 % expecting (due 1–8 months after the shop's today), ~11 % none, the rest
 * one (sometimes two) born within 6 years of today — usually around the time she joined.
 */
export function makeBabies(rng: Rng, joinDate: IsoDate, endDate: IsoDate): BabyDraft[] {
  const oldest = addMonths(endDate, -72);
  const r = rng.float();
  if (r < 0.08) {
    const babies: BabyDraft[] = [];
    if (rng.chance(0.35))
      babies.push(bornBaby(rng, dateBetween(rng, addMonths(endDate, -60), addMonths(endDate, -18))));
    babies.push({
      id: rng.uuid(),
      nickname: rng.chance(0.6) ? rng.pick(UNBORN_NICKNAMES) : '',
      gender: 'unknown',
      birthDate: dateBetween(rng, addMonths(endDate, 1), addMonths(endDate, 8)),
      expecting: true,
    });
    return babies;
  }
  if (r < 0.19) return [];
  let lo = addMonths(joinDate, -30);
  let hi = addMonths(joinDate, 7);
  if (lo < oldest) lo = oldest;
  if (hi > endDate) hi = endDate;
  if (lo > hi) {
    lo = oldest;
    hi = addMonths(oldest, 12);
  }
  const first = bornBaby(rng, dateBetween(rng, lo, hi));
  if (!rng.chance(0.18)) return [first];
  const siblingLatest = addMonths(first.birthDate, -18);
  if (siblingLatest < oldest) return [first];
  const siblingEarliest = addMonths(first.birthDate, -48) < oldest ? oldest : addMonths(first.birthDate, -48);
  return [bornBaby(rng, dateBetween(rng, siblingEarliest, siblingLatest)), first];
}

export interface SimMember {
  profile: Profile;
  babies: BabyDraft[];
  scheduledAt: number;
  buysAtJoin: boolean;
  /** Integer visit weight, heavy-tailed across members (the picker holds 0 once she has lapsed). */
  weight: number;
  lifetimeMs: number | null;
  formulaBrand: string | null;
  diaper: Product;
  joinedAt: number | null;
  /** Her position in the join order (the visit picker's index). */
  pos: number;
  referrerId: Id | null;
  churned: boolean;
  agg: MemberAtCheckout;
}

/** The member-side draws that do not depend on time (profile and babies are made by the caller). */
export function memberHabits(
  rng: Rng,
  babies: readonly BabyDraft[],
  diapers: readonly Product[],
): Pick<SimMember, 'weight' | 'lifetimeMs' | 'formulaBrand' | 'buysAtJoin' | 'diaper'> {
  const kind = rng.weighted([20, 50, 22, 8]); // buys once · occasional · regular · loyal
  const weight =
    kind === 0
      ? 2
      : kind === 1
        ? rng.between(30, 150)
        : kind === 2
          ? rng.between(150, 350)
          : rng.between(400, 900);
  const formulaBrand =
    kind > 0 && babies.length > 0 && rng.chance(0.55)
      ? (FORMULA_BRANDS[rng.weighted(FORMULA_BRAND_WEIGHTS)] ?? null)
      : null;
  const lifetimeMs = rng.chance(0.25) ? null : (45 + rng.int(720)) * DAY_MS;
  const buysAtJoin = !rng.chance(0.08);
  return { weight, lifetimeMs, formulaBrand, buysAtJoin, diaper: rng.pick(diapers) };
}

/** The member row as the app would hold it after all her sales. */
export function memberRow(m: SimMember): Member {
  const joinedAt = m.joinedAt ?? m.scheduledAt;
  return {
    ...m.profile,
    joinedOn: localDateOf(joinedAt),
    referrerId: m.referrerId,
    registeredBy: null,
    tierId: m.agg.tierId,
    pointsBalance: m.agg.pointsBalance,
    storedValueFen: 0,
    lifetimeSpendFen: m.agg.lifetimeSpendFen,
    visitCount: m.agg.visitCount,
    lastPurchaseAt: m.agg.lastPurchaseAt,
    ...(m.agg.growthValue ? { growthValue: m.agg.growthValue } : {}),
    createdAt: joinedAt,
    updatedAt: m.agg.lastPurchaseAt ?? joinedAt,
  };
}
