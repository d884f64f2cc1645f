/** Money is integer fen (1 yuan = 100 fen). Never a float. */
export type Fen = number;

/** Rates in basis points: 10000 = 100 % (a discount of 8000 = 8折 = pay 80 %). */
export type BasisPoints = number;

export type MoneyParseError = 'empty' | 'format' | 'negative' | 'tooLarge';

/** The largest amount one field may hold: ¥10,000,000.00 keeps every sum far inside 2^53. */
export const MAX_FEN = 1_000_000_000;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Parse a yuan amount typed by a person ("19.9", "¥1,234.50", "０.5") into fen, by string
 * manipulation only, so "19.90" is exactly 1990 and never 1989.9999.
 */
export function parseYuan(
  text: string,
  opts: { allowNegative?: boolean } = {},
): { ok: true; fen: Fen } | { ok: false; error: MoneyParseError } {
  const cleaned = toHalfWidth(text)
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/,/g, '');
  if (cleaned === '') return { ok: false, error: 'empty' };
  const match = /^(-)?(\d+)(?:\.(\d{0,2}))?$|^(-)?\.(\d{1,2})$/.exec(cleaned);
  if (!match) return { ok: false, error: 'format' };
  const negative = Boolean(match[1] ?? match[4]);
  const whole = match[2] ?? '0';
  const decimals = (match[3] ?? match[5] ?? '').padEnd(2, '0');
  if (whole.replace(/^0+/, '').length > 8) return { ok: false, error: 'tooLarge' };
  const fen = Number(whole) * 100 + Number(decimals);
  if (fen > MAX_FEN) return { ok: false, error: 'tooLarge' };
  if (negative && fen !== 0) {
    if (!opts.allowNegative) return { ok: false, error: 'negative' };
    return { ok: true, fen: -fen };
  }
  return { ok: true, fen };
}

/** "1990" → "19.90"; "-5" → "-0.05". Plain, locale-free: for inputs and CSV. */
export function fenToYuanString(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Multiply an amount by a rate in basis points, rounding half up to the fen. */
export function applyBasisPoints(fen: Fen, bp: BasisPoints): Fen {
  const sign = fen < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(fen) * bp + 5000) / 10000);
}

export function sumFen(values: readonly Fen[]): Fen {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function toHalfWidth(text: string): string {
  // Chinese IMEs often type full-width digits and points (０-９, ．, ，).
  return text.replace(/[\uFF10-\uFF19\uFF0E\uFF0C]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
