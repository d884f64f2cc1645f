import { localDateOf } from '../../../lib/domain/clock';
import { DEFAULT_PERIOD, periodFor, previousPeriod, type Period, type PeriodKind } from '../../../lib/domain/period';

/** The period chosen on the analytics pages: shared by every tab, kept for the session. */
let kind = $state<PeriodKind>(DEFAULT_PERIOD);
let custom = $state.raw<Period | null>(null);

export const periodChoice = {
  get kind(): PeriodKind {
    return kind;
  },
  get custom(): Period | null {
    return custom;
  },
  choose(next: PeriodKind, range?: Period) {
    if (next === 'custom' && range) custom = { from: range.from, to: range.to };
    kind = next;
  },
};

export interface ResolvedPeriod {
  kind: PeriodKind;
  period: Period;
  previous: Period;
}

/** The chosen period on `today` and the one it is compared with (plain objects: they go to the worker). */
export function resolvePeriod(today: string): ResolvedPeriod {
  const k = kind === 'custom' && !custom ? DEFAULT_PERIOD : kind;
  const period = periodFor(k, today, custom ?? undefined);
  return { kind: k, period: { ...period }, previous: previousPeriod(period, k) };
}

/** The shop's today, as the page sees it. */
export function todayIso(): string {
  return localDateOf(Date.now());
}
