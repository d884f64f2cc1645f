import { addMonthsToInstant, localDateOf } from '../../domain/clock';
import { creditProfileGrowth } from './growth';
import { DomainError } from '../../domain/errors';
import type { Baby } from '../../domain/baby';
import { isProfileComplete, type Member, type ValidMember } from '../../domain/member';
import { pointsRow } from '../../domain/points';
import { reversePhone } from '../../domain/phone';
import { qualifyingTierBy } from '../../domain/tier';
import type { CommandContext } from '../context';
import { getSettings } from '../queries/settings';
import type { ShopDB } from '../shop-db';

/**
 * Register a member with her babies; a phone already on file is refused (naming who has it). She
 * starts on the tier a newcomer qualifies for under the shop's rule: the lowest, unless a visit-based
 * rule asks no visits for a higher one.
 */
export async function registerMember(db: ShopDB, input: ValidMember, ctx: CommandContext): Promise<Member> {
  const now = ctx.clock.now();
  return db.transaction('rw', [db.members, db.babies, db.tiers, db.tierHistory, db.settings, db.pointsLedger, db.growthLedger], async () => {
    const existing = await db.members.where('phone').equals(input.phone).first();
    if (existing) throw new DomainError({ code: 'duplicatePhone', memberId: existing.id });
    if (input.referrerId && !(await db.members.get(input.referrerId)))
      throw new DomainError({ code: 'notFound', entity: 'member' });
    const [tiers, settings] = await Promise.all([db.tiers.toArray(), getSettings(db)]);
    if (tiers.length === 0) throw new DomainError({ code: 'notFound', entity: 'tier' });
    const start = qualifyingTierBy(tiers, { lifetimeSpendFen: 0, rollingSpendFen: 0, visits12: 0 }, settings.tierBasis);
    const { babies, ...profile } = input;
    const member: Member = {
      id: ctx.newId(),
      ...profile,
      phoneRev: reversePhone(input.phone),
      joinedOn: localDateOf(now),
      registeredBy: ctx.actorId,
      tierId: start.id,
      pointsBalance: 0,
      storedValueFen: 0,
      lifetimeSpendFen: 0,
      visitCount: 0,
      lastPurchaseAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await db.members.add(member);
    await db.babies.bulkAdd(babies.map((b) => newBaby(member.id, b, ctx, now)));
    await db.tierHistory.add({
      id: ctx.newId(),
      memberId: member.id,
      at: now,
      fromTierId: null,
      toTierId: start.id,
      reason: 'registration',
      createdAt: now,
      updatedAt: now,
    });
    const rewarded = (await rewardCompleteProfile(db, member, babies.length, ctx)) ?? member;
    await creditProfileGrowth(db, rewarded, babies.length, ctx);
    return (await db.members.get(member.id)) ?? rewarded;
  });
}

export interface BabyEdit {
  /** Present for a baby already on file. */
  id?: string;
  nickname: string;
  gender: Baby['gender'];
  birthDate: string;
  expecting: boolean;
}

/** Edit a member's profile and babies; her ledgers and cached aggregates are untouched. */
export async function updateMember(
  db: ShopDB,
  id: string,
  input: Omit<ValidMember, 'babies'> & { babies: BabyEdit[] },
  ctx: CommandContext,
): Promise<void> {
  const now = ctx.clock.now();
  await db.transaction('rw', [db.members, db.babies, db.pointsLedger, db.settings, db.growthLedger], async () => {
    const member = await db.members.get(id);
    if (!member || member.erasedAt !== undefined) throw new DomainError({ code: 'notFound', entity: 'member' });
    const clash = await db.members.where('phone').equals(input.phone).first();
    if (clash && clash.id !== id) throw new DomainError({ code: 'duplicatePhone', memberId: clash.id });
    if (input.referrerId === id) throw new DomainError({ code: 'invalid', field: 'referrerId' });
    const { babies, ...profile } = input;
    await db.members.update(id, { ...profile, phoneRev: reversePhone(input.phone), updatedAt: now });

    const current = await db.babies.where('memberId').equals(id).toArray();
    const kept = new Set(babies.flatMap((b) => (b.id ? [b.id] : [])));
    await db.babies.bulkDelete(current.filter((b) => !kept.has(b.id)).map((b) => b.id));
    for (const b of babies) {
      const { id: babyId, ...fields } = b;
      if (babyId && current.some((c) => c.id === babyId)) await db.babies.update(babyId, { ...fields, updatedAt: now });
      else await db.babies.add(newBaby(id, fields, ctx, now));
    }
    const updated = await db.members.get(id);
    if (updated) {
      await rewardCompleteProfile(db, updated, babies.length, ctx);
      await creditProfileGrowth(db, updated, babies.length, ctx);
    }
  });
}

/**
 * Inside the caller's transaction: the once-only points for a complete profile, when the shop gives
 * them. Returns the member as updated, or null when nothing was given.
 */
async function rewardCompleteProfile(db: ShopDB, member: Member, babyCount: number, ctx: CommandContext): Promise<Member | null> {
  if (member.profileRewardedAt !== undefined || !isProfileComplete(member, babyCount)) return null;
  const settings = await getSettings(db);
  if (settings.profileRewardPoints <= 0) return null;
  const now = ctx.clock.now();
  const expiresAt = settings.pointsExpiryMonths > 0 ? addMonthsToInstant(now, settings.pointsExpiryMonths) : null;
  await db.pointsLedger.add(pointsRow(ctx.newId(), member.id, now, 'reward', settings.profileRewardPoints, null, expiresAt, { reason: 'profile' }));
  const changes = { pointsBalance: member.pointsBalance + settings.profileRewardPoints, profileRewardedAt: now, updatedAt: now };
  await db.members.update(member.id, changes);
  return { ...member, ...changes };
}

function newBaby(memberId: string, b: Omit<BabyEdit, 'id'>, ctx: CommandContext, now: number): Baby {
  return { id: ctx.newId(), memberId, ...b, createdAt: now, updatedAt: now };
}
