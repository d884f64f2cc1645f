import { fenToYuanString, parseYuan, type MoneyParseError } from '../../../lib/domain/money';
import { validateTiers, type Tier, type TierInput } from '../../../lib/domain/tier';
import {
  formatDiscount,
  formatScaled,
  parseDiscount,
  parseScaled,
  parseWhole,
  type DiscountMode,
} from './decimal';

/** One tier as the owner is typing it: text in the fields, the stored id when it already exists. */
export interface TierDraft {
  key: string;
  id?: string;
  name: string;
  threshold: string;
  discount: string;
  /** The representation `discount` was typed in (the language may change while editing). */
  discountMode: DiscountMode;
  multiplier: string;
  /** Visits in the last 12 months the tier needs (visit-based rules); empty = 0. */
  visits: string;
  freeDelivery: boolean;
  perks: string;
}

export type TierField = 'name' | 'threshold' | 'discount' | 'multiplier' | 'visits';
export type TierFieldError =
  | { field: 'name'; code: 'required' }
  | { field: 'threshold'; code: MoneyParseError | 'range' }
  | { field: 'discount'; code: 'range' }
  | { field: 'multiplier'; code: 'range' }
  | { field: 'visits'; code: 'range' };

const MULTIPLIER_DECIMALS = 4; // 15000 bp = ×1.5

/** "2000" for whole yuan, "19.90" otherwise. */
export function yuanText(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : fenToYuanString(fen);
}

export function toDraft(
  t: Pick<Tier, 'name' | 'thresholdFen' | 'discountBp' | 'pointsMultiplierBp' | 'perks'> &
    Partial<Pick<Tier, 'visitThreshold' | 'freeDelivery'>> & { id?: string },
  mode: DiscountMode,
  key: string,
): TierDraft {
  return {
    key,
    id: t.id,
    name: t.name,
    threshold: yuanText(t.thresholdFen),
    discount: formatDiscount(t.discountBp, mode),
    discountMode: mode,
    multiplier: formatScaled(t.pointsMultiplierBp, MULTIPLIER_DECIMALS),
    visits: String(t.visitThreshold ?? 0),
    freeDelivery: t.freeDelivery ?? false,
    perks: t.perks,
  };
}

/** The discount text in another representation (untouched when it does not parse). */
export function discountIn(row: TierDraft, mode: DiscountMode): string {
  if (row.discountMode === mode) return row.discount;
  const bp = parseDiscount(row.discount, row.discountMode);
  return Number.isNaN(bp) ? row.discount : formatDiscount(bp, mode);
}

/** Parse every row and validate the list with the domain's rules. Unparseable numbers become NaN. */
export function checkDrafts(rows: readonly TierDraft[]): {
  inputs: (TierInput & { id?: string })[];
  rowErrors: Partial<Record<TierField, TierFieldError>>[];
  list: ReturnType<typeof validateTiers>['list'];
} {
  const parsedThresholds = rows.map((r) => parseYuan(r.threshold));
  const inputs = rows.map((r, i) => {
    const threshold = parsedThresholds[i];
    const multiplier = parseScaled(r.multiplier, MULTIPLIER_DECIMALS);
    return {
      id: r.id,
      name: r.name,
      thresholdFen: threshold?.ok ? threshold.fen : Number.NaN,
      discountBp: parseDiscount(r.discount, r.discountMode),
      pointsMultiplierBp: multiplier.ok ? multiplier.value : Number.NaN,
      visitThreshold: r.visits.trim() === '' ? 0 : parseWhole(r.visits),
      freeDelivery: r.freeDelivery,
      perks: r.perks,
    };
  });
  const check = validateTiers(inputs);
  const rowErrors = check.rows.map((e, i) => {
    const out: Partial<Record<TierField, TierFieldError>> = {};
    if (e.name) out.name = { field: 'name', code: 'required' };
    const threshold = parsedThresholds[i];
    if (threshold && !threshold.ok) out.threshold = { field: 'threshold', code: threshold.error };
    else if (e.thresholdFen) out.threshold = { field: 'threshold', code: 'range' };
    if (e.discountBp) out.discount = { field: 'discount', code: 'range' };
    if (e.pointsMultiplierBp) out.multiplier = { field: 'multiplier', code: 'range' };
    if (e.visitThreshold) out.visits = { field: 'visits', code: 'range' };
    return out;
  });
  return { inputs, rowErrors, list: check.list };
}
