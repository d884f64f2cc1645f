import type { Id } from './ids';
import type { Fen } from './money';

/**
 * topup: principal paid in, with its bonus (充500送50) · pay: spent at checkout · refund: given back
 * by a return · topupRefund: a top-up's principal paid back and its unspent bonus removed ·
 * opening: an imported balance · adjust: by the owner, with a reason.
 */
export type StoredValueKind = 'topup' | 'pay' | 'refund' | 'topupRefund' | 'opening' | 'adjust';

/** One append-only stored-value ledger row. Principal and bonus are kept apart (signed). */
export interface StoredValueEntry {
  id: Id;
  memberId: Id;
  at: number;
  kind: StoredValueKind;
  principalFen: Fen;
  bonusFen: Fen;
  saleId: Id | null;
  /** On a topupRefund: the top-up it reverses. */
  topUpId: Id | null;
  paymentMethod: string | null;
  reason: string;
  createdAt: number;
  updatedAt: number;
}

export interface TopUpRule {
  /** Top-ups of at least this much… */
  minFen: Fen;
  /** …get this bonus. The highest rule met applies. */
  bonusFen: Fen;
}

export const DEFAULT_TOP_UP_RULES: TopUpRule[] = [
  { minFen: 50_000, bonusFen: 5_000 },
  { minFen: 100_000, bonusFen: 15_000 },
];

export interface StoredValueBalance {
  principalFen: Fen;
  bonusFen: Fen;
}

export function storedValueBalance(entries: readonly Pick<StoredValueEntry, 'principalFen' | 'bonusFen'>[]): StoredValueBalance {
  let principalFen = 0;
  let bonusFen = 0;
  for (const e of entries) {
    principalFen += e.principalFen;
    bonusFen += e.bonusFen;
  }
  return { principalFen, bonusFen };
}

/** The bonus of the highest rule a top-up meets (0 when none). */
export function topUpBonus(amountFen: Fen, rules: readonly TopUpRule[]): Fen {
  let best: TopUpRule | null = null;
  for (const r of rules) if (amountFen >= r.minFen && (!best || r.minFen > best.minFen)) best = r;
  return best?.bonusFen ?? 0;
}

/**
 * Split a payment from the balance into principal and bonus: bonus last by default (the shop's
 * liability in real money goes down first), or bonus first when the setting says so.
 */
export function splitPayment(
  amountFen: Fen,
  balance: StoredValueBalance,
  bonusLast: boolean,
): { principalFen: Fen; bonusFen: Fen } | null {
  if (amountFen > balance.principalFen + balance.bonusFen) return null;
  if (bonusLast) {
    const principalFen = Math.min(amountFen, balance.principalFen);
    return { principalFen, bonusFen: amountFen - principalFen };
  }
  const bonusFen = Math.min(amountFen, balance.bonusFen);
  return { principalFen: amountFen - bonusFen, bonusFen };
}

/**
 * Refunding a top-up returns its principal (what the member paid) and removes the part of its bonus
 * still unspent; refused when the principal has already been spent below what it would return.
 */
export function topUpRefund(
  topUp: Pick<StoredValueEntry, 'principalFen' | 'bonusFen'>,
  balance: StoredValueBalance,
): { principalFen: Fen; bonusFen: Fen } | null {
  if (balance.principalFen < topUp.principalFen) return null;
  return { principalFen: 0 - topUp.principalFen, bonusFen: 0 - Math.min(topUp.bonusFen, Math.max(balance.bonusFen, 0)) };
}
