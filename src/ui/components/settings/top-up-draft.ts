import { parseYuan } from '../../../lib/domain/money';
import type { TopUpRule } from '../../../lib/domain/stored-value';
import { yuanText } from './tier-draft';

/** A top-up bonus rule as typed: amounts in yuan text; `key` keeps the row while it is edited. */
export interface RuleDraft {
  key: string;
  min: string;
  bonus: string;
}

export function ruleDrafts(rules: readonly TopUpRule[]): RuleDraft[] {
  return [...rules]
    .sort((a, b) => a.minFen - b.minFen)
    .map((r) => ({ key: crypto.randomUUID(), min: yuanText(r.minFen), bonus: yuanText(r.bonusFen) }));
}

/** Each draft parsed; `rule` carries NaN where an amount does not parse (so validation flags it). */
export function parseRuleDrafts(drafts: readonly RuleDraft[]) {
  return drafts.map((d) => {
    const min = parseYuan(d.min);
    const bonus = parseYuan(d.bonus);
    const rule: TopUpRule = { minFen: min.ok ? min.fen : Number.NaN, bonusFen: bonus.ok ? bonus.fen : Number.NaN };
    return { min, bonus, rule };
  });
}
