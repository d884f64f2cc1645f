/**
 * Decimal text typed by a person ("1", "0.5", "９.５") ↔ a scaled integer (basis points and the like),
 * by string manipulation only: "0.5" at 4 decimals is exactly 5000, never 4999.9999.
 */
export type DecimalParseError = 'empty' | 'format';

export function parseScaled(
  text: string,
  decimals: number,
): { ok: true; value: number } | { ok: false; error: DecimalParseError } {
  const cleaned = text
    .replace(/[\uFF10-\uFF19\uFF0E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .trim();
  if (cleaned === '') return { ok: false, error: 'empty' };
  const match = /^(\d{1,9})(?:\.(\d*))?$|^\.(\d+)$/.exec(cleaned);
  if (!match) return { ok: false, error: 'format' };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? match[3] ?? '';
  if (fraction.length > decimals) return { ok: false, error: 'format' };
  return { ok: true, value: Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0') };
}

/** 15000 at 4 decimals → "1.5"; 10000 → "1"; plain digits, no grouping, for inputs. */
export function formatScaled(value: number, decimals: number): string {
  if (!Number.isSafeInteger(value)) return '';
  const scale = 10 ** decimals;
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const fraction = String(abs % scale)
    .padStart(decimals, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / scale)}${fraction ? `.${fraction}` : ''}`;
}

/** A whole number typed by a person ("12", "１２"); anything else is NaN, for the domain validator to refuse. */
export function parseWhole(text: string): number {
  const cleaned = text
    .replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .trim();
  return /^\d{1,9}$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/**
 * How a tier discount is typed. zh-CN owners think in 折 (9.5折 = pay 95 % = 9500 bp);
 * elsewhere the neutral "price paid (%)": 95 = 9500 bp.
 */
export type DiscountMode = 'zhe' | 'percent';
const DISCOUNT_DECIMALS: Record<DiscountMode, number> = { zhe: 3, percent: 2 };

export function discountModeFor(locale: string): DiscountMode {
  return locale === 'zh-CN' ? 'zhe' : 'percent';
}

export function parseDiscount(text: string, mode: DiscountMode): number {
  const r = parseScaled(text, DISCOUNT_DECIMALS[mode]);
  return r.ok ? r.value : Number.NaN;
}

export function formatDiscount(bp: number, mode: DiscountMode): string {
  return formatScaled(bp, DISCOUNT_DECIMALS[mode]);
}
