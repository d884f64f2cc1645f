import type { Member } from '../../domain/member';
import { openingPointsId, openingStoredValueId } from '../../domain/member-import';
import type { ShopDB } from '../shop-db';

/** What an import compares against: every member by phone, with her imported opening balances. */
export interface MemberOnFile {
  id: string;
  name: string;
  phone: string;
  gender: Member['gender'];
  birthday: string | null;
  tags: string[];
  notes: string;
  region: string;
  address: string;
  wechat: string;
  email: string;
  openingPoints: number | null;
  openingStoredValueFen: number | null;
}

export async function membersByPhone(db: ShopDB): Promise<Map<string, MemberOnFile>> {
  return db.transaction('r', [db.members, db.pointsLedger, db.storedValueLedger], async () => {
    const members = await db.members.toArray();
    const [points, stored] = await Promise.all([
      db.pointsLedger.bulkGet(members.map((m) => openingPointsId(m.id))),
      db.storedValueLedger.bulkGet(members.map((m) => openingStoredValueId(m.id))),
    ]);
    const out = new Map<string, MemberOnFile>();
    members.forEach((m, i) => {
      const sv = stored[i] as { principalFen?: number; bonusFen?: number } | undefined;
      out.set(m.phone, {
        id: m.id,
        name: m.name,
        phone: m.phone,
        gender: m.gender,
        birthday: m.birthday,
        tags: m.tags,
        notes: m.notes,
        region: m.region,
        address: m.address,
        wechat: m.wechat,
        email: m.email,
        openingPoints: points[i]?.points ?? null,
        openingStoredValueFen: sv ? (sv.principalFen ?? 0) + (sv.bonusFen ?? 0) : null,
      });
    });
    return out;
  });
}
