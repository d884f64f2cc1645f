/**
 * Programme health: points outstanding and what they are worth (a liability), tier distribution, and
 * what each assistant brought in during a period (members registered, sales rung up).
 */
import { dayNumber, type Period } from '../../domain/period';
import { isLiveMember, type Facts } from './facts';
import { ratioBp } from './numbers';

/** Points redeemable as cash: 100 points = ¥1 unless the shop's settings say otherwise. */
export const DEFAULT_POINTS_PER_YUAN = 100;

export interface HealthOptions {
  period: Period;
  tiers: readonly { id: string; name: string; thresholdFen: number }[];
  staff?: readonly { id: string; name: string }[];
  pointsPerYuan?: number;
}

export interface TierRow {
  /** null: members whose tier is no longer configured. */
  id: string | null;
  name: string;
  members: number;
  membersShareBp: number;
  /** Net sales of members now in this tier, within the period. */
  salesFen: number;
}

export interface AssistantRow {
  /** null: sales and registrations with nobody recorded. */
  id: string | null;
  name: string | null;
  membersRegistered: number;
  tickets: number;
  salesFen: number;
}

export interface HealthResult {
  period: Period;
  members: number;
  pointsOutstanding: number;
  membersWithPoints: number;
  pointsPerYuan: number;
  /** What the outstanding points are worth as cash, rounded half up to the fen. */
  liabilityFen: number;
  /** Prepaid balances members still hold (principal + bonus), and how many hold one. */
  storedValueFen: number;
  membersWithStoredValue: number;
  tiers: TierRow[];
  assistants: AssistantRow[];
}

export function pointsLiabilityFen(points: number, pointsPerYuan = DEFAULT_POINTS_PER_YUAN): number {
  if (points <= 0 || pointsPerYuan <= 0) return 0;
  return Math.floor((points * 100 + Math.floor(pointsPerYuan / 2)) / pointsPerYuan);
}

export function health(facts: Facts, opts: HealthOptions): HealthResult {
  const pointsPerYuan = opts.pointsPerYuan ?? DEFAULT_POINTS_PER_YUAN;
  const from = dayNumber(opts.period.from);
  const to = dayNumber(opts.period.to);
  const tiers = [...opts.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen);
  const tierRows = new Map<string | null, TierRow>(
    tiers.map((t) => [t.id, { id: t.id, name: t.name, members: 0, membersShareBp: 0, salesFen: 0 }]),
  );
  const tierOfMember: (TierRow | undefined)[] = [];
  const assistants = new Map<string | null, AssistantRow>();
  const staffName = new Map((opts.staff ?? []).map((x) => [x.id, x.name]));
  const assistantRow = (id: string | null): AssistantRow => {
    let row = assistants.get(id);
    if (!row) {
      row = { id, name: id === null ? null : (staffName.get(id) ?? null), membersRegistered: 0, tickets: 0, salesFen: 0 };
      assistants.set(id, row);
    }
    return row;
  };

  let members = 0;
  let pointsOutstanding = 0;
  let membersWithPoints = 0;
  let storedValueFen = 0;
  let membersWithStoredValue = 0;
  for (let mi = 0; mi < facts.members.length; mi++) {
    if (!isLiveMember(facts, mi)) continue;
    const m = facts.members[mi]!;
    members += 1;
    if (m.pointsBalance > 0) {
      pointsOutstanding += m.pointsBalance;
      membersWithPoints += 1;
    }
    if (m.storedValueFen > 0) {
      storedValueFen += m.storedValueFen;
      membersWithStoredValue += 1;
    }
    let row = tierRows.get(m.tierId);
    if (!row) {
      row = tierRows.get(null) ?? { id: null, name: '', members: 0, membersShareBp: 0, salesFen: 0 };
      tierRows.set(null, row);
    }
    row.members += 1;
    tierOfMember[mi] = row;
    if (m.joinDay >= from && m.joinDay <= to) assistantRow(m.registeredBy).membersRegistered += 1;
  }

  const s = facts.sales;
  for (let i = 0; i < s.n; i++) {
    const d = s.day[i] ?? 0;
    if (d < from || d > to) continue;
    const total = s.totalFen[i] ?? 0;
    const a = assistantRow(facts.assistants[s.assistant[i] ?? -1] ?? null);
    a.salesFen += total;
    if (!s.refund[i]) a.tickets += 1;
    const mi = s.member[i] ?? -1;
    const tier = mi >= 0 ? tierOfMember[mi] : undefined;
    if (tier) tier.salesFen += total;
  }

  const tierList = [...tierRows.values()].map((r) => ({ ...r, membersShareBp: ratioBp(r.members, members) }));
  return {
    period: opts.period,
    members,
    pointsOutstanding,
    membersWithPoints,
    pointsPerYuan,
    liabilityFen: pointsLiabilityFen(pointsOutstanding, pointsPerYuan),
    storedValueFen,
    membersWithStoredValue,
    tiers: tierList,
    assistants: [...assistants.values()].sort(
      (a, b) => b.salesFen - a.salesFen || b.membersRegistered - a.membersRegistered || cmp(a.id ?? '', b.id ?? ''),
    ),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
