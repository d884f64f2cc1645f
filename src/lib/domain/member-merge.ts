/**
 * Two records of one person become one (the same phone registered on two devices, or a double entry):
 * what the kept record looks like, and which tables hold rows naming a member.
 */
import type { Member } from './member';

/** Tables whose `memberId` names a member (members themselves name one in `referrerId`). */
export const MEMBER_REFERRING_TABLES = [
  'babies',
  'sales',
  'pointsLedger',
  'storedValueLedger',
  'tierHistory',
  'coupons',
  'eventSignups',
  'contacts',
  'feedback',
  'paidMemberships',
  'growthLedger',
] as const;

const PROFILE_FIELDS = ['name', 'gender', 'birthday', 'region', 'address', 'wechat', 'email', 'referrerId'] as const;

function blank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === 'unknown';
}

/**
 * `keep`'s details, its blanks filled from `other`'s; the tags and notes of both; the earlier join date.
 * Cached balances are not added up here: they are recounted from the ledgers once both records' rows
 * name `keep`.
 */
export function foldMember(keep: Member, other: Member): Member {
  const out: Member = { ...keep, tags: [...new Set([...(keep.tags ?? []), ...(other.tags ?? [])])] };
  const fields = out as unknown as Record<string, unknown>;
  for (const f of PROFILE_FIELDS) if (blank(fields[f]) && !blank(other[f])) fields[f] = other[f];
  out.notes = [...new Set([keep.notes, other.notes].filter((n) => typeof n === 'string' && n.trim() !== ''))].join('\n');
  if (other.joinedOn < keep.joinedOn) out.joinedOn = other.joinedOn;
  if (out.referrerId === keep.id || out.referrerId === other.id) out.referrerId = null;
  return out;
}
