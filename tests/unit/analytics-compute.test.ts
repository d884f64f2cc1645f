import { describe, expect, it } from 'vitest';
import { behaviour } from '../../src/lib/analytics/compute/behaviour';
import { churn } from '../../src/lib/analytics/compute/churn';
import { buildFacts, FactsBuilder, purchaseDays } from '../../src/lib/analytics/compute/facts';
import { fullRecompute } from '../../src/lib/analytics/compute/full';
import { health, pointsLiabilityFen } from '../../src/lib/analytics/compute/health';
import {
  overviewFromRollups,
  countJoins,
  joinRanges,
  repeatFromFacts,
  repeatPurchase,
  trendBuckets,
} from '../../src/lib/analytics/compute/overview';
import { dayNumber } from '../../src/lib/domain/period';
import { rollupsOfSales } from '../../src/lib/domain/rollup';
import { FEBRUARY, MARCH, MEMBERS, SALES, TIERS, TODAY } from '../fixtures/analytics-shop';

const facts = () => buildFacts(MEMBERS, SALES);
const liveJoinDates = MEMBERS.filter((m) => m.deletedAt === undefined).map((m) => m.joinedOn);

describe('facts', () => {
  it('is the same whatever order and chunks the rows arrive in', () => {
    const whole = facts();
    const chunked = new FactsBuilder()
      .addSales(SALES.slice(8).reverse())
      .addMembers(MEMBERS.slice(3))
      .addSales(SALES.slice(0, 8))
      .addMembers(MEMBERS.slice(0, 3))
      .build();
    for (const id of ['m1', 'm2', 'm6'])
      expect(purchaseDays(chunked, chunked.memberIndex.get(id)!)).toEqual(
        purchaseDays(whole, whole.memberIndex.get(id)!),
      );
    expect(behaviour(chunked, MARCH, FEBRUARY)).toEqual(behaviour(whole, MARCH, FEBRUARY));
    expect(churn(chunked, { today: TODAY })).toEqual(churn(whole, { today: TODAY }));
  });

  it('keeps local days and hours, and a member’s distinct purchase days without refunds', () => {
    const f = facts();
    const s9 = SALES.findIndex((s) => s.id === 's9');
    expect(f.sales.day[s9]).toBe(dayNumber('2026-03-05'));
    expect(f.sales.hour[s9]).toBe(10);
    expect(f.sales.dom[s9]).toBe(5);
    // m2: 2 Mar (twice), 16 Mar, refund 18 Mar (not a purchase), 30 Mar.
    expect(purchaseDays(f, f.memberIndex.get('m2')!)).toEqual(
      ['2026-03-02', '2026-03-16', '2026-03-30'].map(dayNumber),
    );
  });
});

describe('overview from rollups', () => {
  const result = overviewFromRollups({
    period: MARCH,
    previous: FEBRUARY,
    rollups: rollupsOfSales(SALES),
    joinCounts: countJoins(liveJoinDates, joinRanges(MARCH, FEBRUARY)),
    membersTotal: 5,
    activeMembers: 2,
  });

  it('sums March: 8 tickets, ¥670 net of a ¥40 refund, members ¥590 on 6 tickets', () => {
    expect(result.current).toEqual({
      salesFen: 67_000, // 80 + 20 + 100 − 40 + 50 + 350 + 30 + 50 + 30 (yuan)
      tickets: 8,
      memberSalesFen: 59_000,
      memberTickets: 6,
      nonMemberSalesFen: 8_000,
      nonMemberTickets: 2,
      refundFen: -4_000,
      refunds: 1,
      memberShareBp: 8806, // 590 / 670 = 88.06 %
      avgTicketFen: 8_375, // 670 / 8
      avgTicketMemberFen: 9_833, // 590 / 6 = 98.333
      avgTicketNonMemberFen: 4_000,
      newMembers: 1, // m3 (m5, deleted, is not counted)
    });
  });

  it('compares with February: one walk-in sale of ¥300 and one new member', () => {
    expect(result.before).toMatchObject({
      salesFen: 30_000,
      tickets: 1,
      memberSalesFen: 0,
      memberShareBp: 0,
      avgTicketMemberFen: null,
      avgTicketNonMemberFen: 30_000,
      newMembers: 1,
    });
  });

  it('draws the trend by day and counts new members per month over 12 months', () => {
    expect(result.trend.granularity).toBe('day');
    expect(result.trend.buckets).toHaveLength(31);
    expect(result.trend.buckets[1]).toEqual({
      from: '2026-03-02',
      to: '2026-03-02',
      salesFen: 15_000,
      tickets: 3,
      memberSalesFen: 10_000,
    });
    expect(result.trend.buckets[17]).toMatchObject({ from: '2026-03-18', salesFen: -4_000, tickets: 0 });
    expect(result.trend.buckets.reduce((s, b) => s + b.salesFen, 0)).toBe(67_000);
    expect(result.previousTrend.buckets).toHaveLength(28);
    expect(result.newMembersByMonth.map((x) => x.month)).toEqual([
      '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09',
      '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
    expect(result.newMembersByMonth.filter((x) => x.members > 0)).toEqual([
      { month: '2025-06', members: 1 },
      { month: '2026-02', members: 1 },
      { month: '2026-03', members: 1 },
    ]);
  });

  it('buckets a year by week (the short first week joins the next) and longer by month', () => {
    const year = trendBuckets({ from: '2025-04-01', to: '2026-03-31' });
    expect(year).toHaveLength(52);
    expect(year[0]).toEqual({ from: '2025-04-01', to: '2025-04-08' });
    expect(year[51]).toEqual({ from: '2026-03-25', to: '2026-03-31' });
    const long = trendBuckets({ from: '2023-01-15', to: '2026-03-31' });
    expect(long).toHaveLength(39);
    expect(long[0]).toEqual({ from: '2023-01-15', to: '2023-01-31' });
    expect(long[1]).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  });

  it('repeat-purchase rate: 1 of 3 buying members came back in March', () => {
    const march = SALES.filter((s) => s.at >= new Date(2026, 2, 1).getTime());
    expect(repeatPurchase(march)).toEqual({ buyers: 3, repeaters: 1, rateBp: 3333 });
    expect(repeatFromFacts(facts(), MARCH)).toEqual({ buyers: 3, repeaters: 1, rateBp: 3333 });
    expect(repeatFromFacts(facts(), FEBRUARY)).toEqual({ buyers: 0, repeaters: 0, rateBp: null });
  });
});

describe('behaviour', () => {
  const b = behaviour(facts(), MARCH, FEBRUARY);

  it('ranks categories by net sales, with tickets, members and February for comparison', () => {
    expect(b.categories).toEqual([
      { name: '奶粉', salesFen: 30_000, tickets: 1, members: 1, previousSalesFen: 30_000 },
      // 80 + 60 + 40 − 40 (refund); s7 has two diaper lines but is one ticket.
      { name: '纸尿裤', salesFen: 14_000, tickets: 2, members: 1, previousSalesFen: 0 },
      { name: '洗护', salesFen: 10_000, tickets: 2, members: 1, previousSalesFen: 0 },
      { name: '玩具', salesFen: 8_000, tickets: 2, members: 2, previousSalesFen: 0 },
      { name: '辅食', salesFen: 5_000, tickets: 2, members: 1, previousSalesFen: 0 },
    ]);
    expect(b.salesFen).toBe(67_000);
    expect(b.tickets).toBe(8);
  });

  it('ranks brands, a fully refunded one at ¥0 last', () => {
    expect(b.brands.map((r) => [r.name, r.salesFen, r.tickets, r.members])).toEqual([
      ['飞鹤', 30_000, 1, 1],
      ['帮宝适', 14_000, 2, 1],
      ['贝亲', 10_000, 2, 1],
      ['费雪', 8_000, 2, 2],
      ['嘉宝', 5_000, 2, 1],
      ['花王', 0, 1, 1],
    ]);
  });

  it('counts purchase frequency: m2 four tickets, m3 and m5 one each', () => {
    expect(b.buyers).toBe(3);
    expect(b.frequency.map((x) => x.members)).toEqual([2, 0, 0, 1, 0, 0]);
    expect(b.frequency[5]).toEqual({ min: 10, max: null, members: 0 });
  });

  it('places tickets by day of month and weekday × hour (Monday first)', () => {
    expect(b.dayOfMonth[1]).toEqual({ day: 2, tickets: 3, salesFen: 15_000 });
    expect(b.dayOfMonth[17]).toEqual({ day: 18, tickets: 0, salesFen: -4_000 });
    expect(b.dayOfMonth.reduce((s, d) => s + d.tickets, 0)).toBe(8);
    const cells = b.heatmap.flatMap((row, wd) => row.flatMap((n, h) => (n ? [`${wd}@${h}:${n}`] : [])));
    // Mondays 2, 16 and 30 March; Thu 5; Tue 10; Fri 20.
    expect(cells).toEqual(['0@9:1', '0@11:2', '0@16:1', '0@18:1', '1@14:1', '3@10:1', '4@11:1']);
  });
});

describe('churn', () => {
  const c = churn(facts(), { today: TODAY });

  it('flags m1 (past her 10-day interval, inactive 120 days, slowing 4 → 0) and m6 as lost', () => {
    expect(c.buyers).toBe(4);
    expect(c.counts).toEqual({ atRisk: 1, lost: 1, overdue: 1, inactive: 2, slowing: 1 });
    expect(c.members.map((m) => m.id)).toEqual(['m1', 'm6']);
    expect(c.members[0]).toMatchObject({
      lastPurchase: '2025-12-01',
      daysSince: 120,
      usualDays: 10,
      recent: 0,
      before: 4,
      lost: false,
      lastCategories: ['奶粉', '纸尿裤'],
      reasons: [
        { code: 'overdue', usualDays: 10, daysSince: 120 },
        { code: 'inactive', daysSince: 120 },
        { code: 'slowing', recent: 0, before: 4 },
      ],
    });
    // Two visits are too few for a usual interval.
    expect(c.members[1]).toMatchObject({ daysSince: 607, usualDays: null, lost: true, reasons: [{ code: 'inactive', daysSince: 607 }] });
    expect(c.lostCategories).toEqual([{ name: '服饰', members: 1 }]);
    expect(c.members.map((m) => m.lastScore)).toEqual([null, null]);
    expect(c.lostScores).toEqual({ members: 0, meanTenths: null });
  });

  it("shows each flagged member's last satisfaction score and the lost members' mean", () => {
    const scored = churn(facts(), { today: TODAY }, new Map([['m1', 4], ['m6', 2], ['m2', 5]]));
    expect(scored.members.map((m) => [m.id, m.lastScore])).toEqual([['m1', 4], ['m6', 2]]);
    expect(scored.lostScores).toEqual({ members: 1, meanTenths: 20 });
  });

  it('churn rate by month: m1 active from December, churned on 1 March (90 days after 1 December)', () => {
    expect(c.byMonth).toHaveLength(12);
    expect(c.byMonth.slice(-4)).toEqual([
      { month: '2025-12', activeAtStart: 1, churned: 0, rateBp: 0, partial: false },
      { month: '2026-01', activeAtStart: 1, churned: 0, rateBp: 0, partial: false },
      { month: '2026-02', activeAtStart: 1, churned: 0, rateBp: 0, partial: false },
      { month: '2026-03', activeAtStart: 1, churned: 1, rateBp: 10000, partial: false },
    ]);
    expect(c.byMonth[0]).toEqual({ month: '2025-04', activeAtStart: 0, churned: 0, rateBp: null, partial: false });
  });

  it('follows its options: a looser factor and a longer inactivity window flag nobody but the lost', () => {
    const loose = churn(facts(), { today: TODAY, factorPct: 1300, inactiveDays: 130 });
    expect(loose.members.map((m) => [m.id, m.reasons.map((r) => r.code)])).toEqual([
      ['m1', ['slowing']],
      ['m6', ['inactive']],
    ]);
    const midMonth = churn(facts(), { today: '2026-03-15' });
    expect(midMonth.byMonth.at(-1)?.partial).toBe(true);
    // On 15 March m2 has bought once (2 March) and m1's last purchase is 104 days back.
    expect(midMonth.members.find((m) => m.id === 'm1')?.daysSince).toBe(104);
  });
});

describe('programme health', () => {
  const h = health(facts(), { period: MARCH, tiers: TIERS, staff: [{ id: 'staff-a', name: 'Anna' }] });

  it('sums points outstanding (500 + 120 + 80) and their cash value at 100 points = ¥1', () => {
    expect(h).toMatchObject({ members: 5, pointsOutstanding: 700, membersWithPoints: 3, liabilityFen: 700 });
    expect(h).toMatchObject({ storedValueFen: 55_000, membersWithStoredValue: 1 });
    expect(pointsLiabilityFen(150, 100)).toBe(150);
    expect(pointsLiabilityFen(100, 30)).toBe(333); // ¥3.333…
    expect(pointsLiabilityFen(-5)).toBe(0);
  });

  it('spreads members over tiers, with March sales of the members now in each', () => {
    expect(h.tiers).toEqual([
      { id: 'normal', name: '普通会员', members: 3, membersShareBp: 6000, salesFen: 56_000 },
      { id: 'silver', name: '银卡', members: 1, membersShareBp: 2000, salesFen: 0 },
      { id: 'gold', name: '金卡', members: 1, membersShareBp: 2000, salesFen: 0 },
      { id: 'platinum', name: '白金卡', members: 0, membersShareBp: 0, salesFen: 0 },
    ]);
  });

  it('credits assistants with registrations and sales in the period', () => {
    expect(h.assistants).toEqual([
      { id: 'staff-a', name: 'Anna', membersRegistered: 1, tickets: 1, salesFen: 35_000 },
      { id: null, name: null, membersRegistered: 0, tickets: 6, salesFen: 29_000 },
      { id: 'staff-b', name: null, membersRegistered: 0, tickets: 1, salesFen: 3_000 },
    ]);
  });
});

describe('full recompute', () => {
  it('bundles every heavy analysis for one period', () => {
    const full = fullRecompute(facts(), { today: TODAY, period: MARCH, previous: FEBRUARY, tiers: TIERS });
    expect(full.behaviour.salesFen).toBe(67_000);
    expect(full.rfm.scored).toBe(4);
    expect(full.churn.counts.lost).toBe(1);
    expect(full.health.pointsOutstanding).toBe(700);
    expect(full.repeat.rateBp).toBe(3333);
  });
});
