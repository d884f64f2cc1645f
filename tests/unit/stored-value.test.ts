import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOP_UP_RULES,
  splitPayment,
  storedValueBalance,
  topUpBonus,
  topUpRefund,
} from '../../src/lib/domain/stored-value';

describe('topUpBonus (充500送50, 充1000送150)', () => {
  it.each([
    [49_999, 0], // ¥499.99
    [50_000, 5_000], // ¥500 → ¥50
    [99_900, 5_000], // ¥999 → still ¥50
    [100_000, 15_000], // ¥1000 → ¥150, the highest rule met (not 50 + 150)
    [500_000, 15_000],
    [0, 0],
  ])('a top-up of %i fen gets %i fen', (amount, bonus) => {
    expect(topUpBonus(amount, DEFAULT_TOP_UP_RULES)).toBe(bonus);
  });

  it('does not depend on the order of the rules; no rules, no bonus', () => {
    expect(topUpBonus(100_000, [...DEFAULT_TOP_UP_RULES].reverse())).toBe(15_000);
    expect(topUpBonus(100_000, [])).toBe(0);
  });
});

describe('splitPayment', () => {
  const balance = { principalFen: 50_000, bonusFen: 5_000 };

  it('spends principal first and bonus last by default', () => {
    expect(splitPayment(3_000, balance, true)).toEqual({ principalFen: 3_000, bonusFen: 0 });
    expect(splitPayment(52_000, balance, true)).toEqual({ principalFen: 50_000, bonusFen: 2_000 });
  });

  it('spends the bonus first when the setting says so', () => {
    expect(splitPayment(3_000, balance, false)).toEqual({ principalFen: 0, bonusFen: 3_000 });
    expect(splitPayment(52_000, balance, false)).toEqual({ principalFen: 47_000, bonusFen: 5_000 });
  });

  it('can spend the whole balance, not a fen more', () => {
    expect(splitPayment(55_000, balance, true)).toEqual({ principalFen: 50_000, bonusFen: 5_000 });
    expect(splitPayment(55_000, balance, false)).toEqual({ principalFen: 50_000, bonusFen: 5_000 });
    expect(splitPayment(55_001, balance, true)).toBeNull();
    expect(splitPayment(55_001, balance, false)).toBeNull();
  });
});

describe('topUpRefund', () => {
  const topUp = { principalFen: 100_000, bonusFen: 15_000 };

  it('pays back the principal and removes the bonus', () => {
    expect(topUpRefund(topUp, { principalFen: 100_000, bonusFen: 15_000 })).toEqual({ principalFen: -100_000, bonusFen: -15_000 });
  });

  it('removes only the bonus still unspent', () => {
    expect(topUpRefund(topUp, { principalFen: 120_000, bonusFen: 4_000 })).toEqual({ principalFen: -100_000, bonusFen: -4_000 });
    expect(topUpRefund(topUp, { principalFen: 100_000, bonusFen: 0 })).toStrictEqual({ principalFen: -100_000, bonusFen: 0 });
  });

  it('is refused once part of the principal has been spent', () => {
    expect(topUpRefund(topUp, { principalFen: 99_999, bonusFen: 15_000 })).toBeNull();
  });
});

describe('storedValueBalance', () => {
  it('sums principal and bonus apart', () => {
    expect(storedValueBalance([])).toEqual({ principalFen: 0, bonusFen: 0 });
    expect(
      storedValueBalance([
        { principalFen: 100_000, bonusFen: 15_000 },
        { principalFen: -30_000, bonusFen: 0 },
        { principalFen: -70_000, bonusFen: -2_000 },
        { principalFen: 5_250, bonusFen: 0 },
      ]),
    ).toEqual({ principalFen: 5_250, bonusFen: 13_000 });
  });
});
