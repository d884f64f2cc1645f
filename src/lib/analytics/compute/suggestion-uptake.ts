/** How often the checkout's product suggestions were taken in a period. Pure, over facts. */
import { dayNumber, type Period } from '../../domain/period';
import type { Facts } from './facts';

export interface SuggestionUptake {
  /** Member sales (not returns) whose checkout showed suggestions. */
  salesShown: number;
  /** Suggestions shown, summed over those sales. */
  suggestionsShown: number;
  /** Of those sales, the ones with at least one suggested line. */
  salesTaken: number;
  /** Lines added from a suggestion. */
  linesTaken: number;
  /** What those lines cost her (after every discount). */
  takenFen: number;
  /** salesTaken / salesShown in basis points (6667 = 66.67 %); null when nothing was shown. */
  takeRateBp: number | null;
}

export function suggestionUptake(facts: Facts, period: Period): SuggestionUptake {
  const s = facts.sales;
  const from = dayNumber(period.from);
  const to = dayNumber(period.to);
  const out: SuggestionUptake = { salesShown: 0, suggestionsShown: 0, salesTaken: 0, linesTaken: 0, takenFen: 0, takeRateBp: null };
  for (let i = 0; i < s.n; i++) {
    const day = s.day[i] ?? 0;
    if (day < from || day > to || s.refund[i]) continue;
    const shown = s.suggestionsShown[i] ?? 0;
    let taken = 0;
    for (let k = s.lineStart[i] ?? 0; k < (s.lineStart[i + 1] ?? 0); k++) {
      if (!s.lineSuggested[k]) continue;
      taken += 1;
      out.takenFen += s.linePaidFen[k] ?? 0;
    }
    if (shown > 0) {
      out.salesShown += 1;
      out.suggestionsShown += shown;
    }
    if (taken > 0) {
      out.salesTaken += 1;
      out.linesTaken += taken;
    }
  }
  out.takeRateBp = out.salesShown > 0 ? Math.round((10000 * out.salesTaken) / out.salesShown) : null;
  return out;
}
