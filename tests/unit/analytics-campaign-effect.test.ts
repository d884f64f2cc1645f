import { describe, expect, it } from 'vitest';
import { campaignEffect } from '../../src/lib/analytics/compute/campaign-effect';
import { buildFacts } from '../../src/lib/analytics/compute/facts';
import { MEMBERS, SALES, TODAY } from '../fixtures/analytics-shop';

const facts = buildFacts(MEMBERS, SALES);
// 1–15 March: 15 days, so "before" is 14–28 February and "after" 16–30 March.
const RUNNING = { from: '2026-03-01', to: '2026-03-15' };

describe('campaignEffect: treated against hold-out', () => {
  it('compares mean spend per member during the campaign, with a 95 % interval and return on cost', () => {
    const e = campaignEffect(facts, { running: RUNNING, costFen: 20_000, treatedIds: ['m2', 'm3'], holdoutIds: ['m1', 'm4'] }, TODAY);
    expect(e.before).toEqual({ from: '2026-02-14', to: '2026-02-28' });
    expect(e.after).toEqual({ from: '2026-03-16', to: '2026-03-30' });
    // m2: s5 8,000 + s6 2,000 during; s7 10,000, r1 −4,000, s8 5,000 after. m3: s9 35,000 during.
    expect(e.treated).toEqual({
      members: 2,
      participants: 2,
      participationBp: 10000,
      beforeFen: 0,
      duringFen: 45_000,
      afterFen: 11_000,
      meanDuringFen: 22_500,
    });
    // m1 bought in 2025 only, m4 never
    expect(e.holdout).toEqual({ members: 2, participants: 0, participationBp: 0, beforeFen: 0, duringFen: 0, afterFen: 0, meanDuringFen: 0 });
    // treated: mean 22,500, sample variance (12,500² × 2) / 1 = 312,500,000; hold-out variance 0
    // se = √(312,500,000 / 2) = 12,500; 1.96 × 12,500 = 24,500
    expect(e.upliftPerMemberFen).toBe(22_500);
    expect(e.ciLowFen).toBe(-2_000);
    expect(e.ciHighFen).toBe(47_000);
    expect(e.upliftTotalFen).toBe(45_000);
    expect(e.returnOnCostBp).toBe(22_500); // ¥450 of extra sales on ¥200 of cost
    expect(e.complete).toBe(true);
  });

  it('counts a member without sales (or unknown) as spending nothing, and refunds in the window as negative', () => {
    // 16–20 March: m2's s7 10,000 and r1 −4,000; m3 nothing; 'ghost' is not in the shop
    const e = campaignEffect(
      facts,
      { running: { from: '2026-03-16', to: '2026-03-20' }, costFen: 0, treatedIds: ['m2', 'm3', 'ghost'], holdoutIds: ['m6', 'm4'] },
      '2026-03-18',
    );
    expect(e.treated).toMatchObject({ members: 3, participants: 1, participationBp: 3333, duringFen: 6_000, meanDuringFen: 2_000 });
    expect(e.returnOnCostBp).toBeNull(); // no cost to return
    expect(e.upliftTotalFen).toBe(6_000);
    expect(e.complete).toBe(false); // still running on the 18th
  });

  it('gives no uplift when a group has fewer than two members, and counts a member listed twice once', () => {
    const e = campaignEffect(facts, { running: RUNNING, costFen: 10_000, treatedIds: ['m2', 'm2', 'm3'], holdoutIds: ['m1'] }, TODAY);
    expect(e.treated.members).toBe(2);
    expect(e.holdout.members).toBe(1);
    expect([e.upliftPerMemberFen, e.ciLowFen, e.ciHighFen, e.upliftTotalFen, e.returnOnCostBp]).toEqual([null, null, null, null, null]);
  });
});
