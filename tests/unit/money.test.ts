import { describe, expect, it } from 'vitest';
import { applyBasisPoints, fenToYuanString, isFen, MAX_FEN, parseYuan, sumFen } from '../../src/lib/domain/money';

describe('parseYuan', () => {
  it.each([
    ['19.90', 1990],
    ['19.9', 1990],
    ['19', 1900],
    ['19.', 1900],
    ['0.1', 10],
    ['0.01', 1],
    ['.5', 50],
    ['.05', 5],
    ['0', 0],
    ['0.00', 0],
    ['¥1,234.50', 123450],
    ['￥ 8', 800],
    ['1,000,000', 100_000_000],
    ['  12.30  ', 1230],
    ['007.5', 750],
    // full-width digits, point and comma as a Chinese IME types them
    ['１９．９０', 1990],
    ['１，２３４．５', 123450],
    ['０.5', 50],
  ])('parses %j as %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen });
  });

  it('parses the largest allowed amount, ¥10,000,000.00 = MAX_FEN', () => {
    expect(parseYuan('10000000')).toEqual({ ok: true, fen: 1_000_000_000 });
    expect(parseYuan('10,000,000.00')).toEqual({ ok: true, fen: MAX_FEN });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['¥', 'empty'],
    ['abc', 'format'],
    ['1.234', 'format'],
    ['1.2.3', 'format'],
    ['12a', 'format'],
    ['1 000', 'format'],
    ['+5', 'format'],
    ['.', 'format'],
    ['5元', 'format'],
    ['1e3', 'format'],
    ['10000000.01', 'tooLarge'],
    ['99999999.99', 'tooLarge'],
    ['100000000', 'tooLarge'],
    ['123456789012345678901234567890', 'tooLarge'],
  ])('refuses %j with %s', (text, error) => {
    expect(parseYuan(text)).toEqual({ ok: false, error });
  });

  it('refuses a negative amount unless allowNegative', () => {
    expect(parseYuan('-5')).toEqual({ ok: false, error: 'negative' });
    expect(parseYuan('-.5')).toEqual({ ok: false, error: 'negative' });
    expect(parseYuan('-5', { allowNegative: true })).toEqual({ ok: true, fen: -500 });
    expect(parseYuan('-19.9', { allowNegative: true })).toEqual({ ok: true, fen: -1990 });
    expect(parseYuan('-.5', { allowNegative: true })).toEqual({ ok: true, fen: -50 });
    expect(parseYuan('¥-1,234.56', { allowNegative: true })).toEqual({ ok: true, fen: -123456 });
  });

  it('treats minus zero as zero, never as negative', () => {
    expect(parseYuan('-0')).toEqual({ ok: true, fen: 0 });
    expect(parseYuan('-0.00')).toEqual({ ok: true, fen: 0 });
  });

  it('checks the size before the sign', () => {
    expect(parseYuan('-100000000', { allowNegative: true })).toEqual({ ok: false, error: 'tooLarge' });
  });

  it('never produces floating point noise', () => {
    // 0.1 + 0.2 style values: every cent from 0.00 to 9.99 parses to exactly its integer.
    for (let cents = 0; cents < 1000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      expect(parseYuan(text)).toEqual({ ok: true, fen: cents });
    }
  });
});

describe('fenToYuanString', () => {
  it.each([
    [1990, '19.90'],
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [100, '1.00'],
    [123450, '1234.50'],
    [-5, '-0.05'],
    [-1990, '-19.90'],
    [-123456, '-1234.56'],
    [1_000_000_000, '10000000.00'],
  ])('%i fen → %s', (fen, text) => {
    expect(fenToYuanString(fen)).toBe(text);
  });

  it('round-trips with parseYuan', () => {
    for (const fen of [0, 1, 99, 100, 1990, 123456, MAX_FEN]) {
      expect(parseYuan(fenToYuanString(fen))).toEqual({ ok: true, fen });
    }
    expect(parseYuan(fenToYuanString(-1234), { allowNegative: true })).toEqual({ ok: true, fen: -1234 });
  });
});

describe('applyBasisPoints', () => {
  it('rounds half up to the fen', () => {
    // 1999 × 0.95 = 1899.05 → 1899
    expect(applyBasisPoints(1999, 9500)).toBe(1899);
    // 1990 × 0.95 = 1890.5 → 1891 (half goes up)
    expect(applyBasisPoints(1990, 9500)).toBe(1891);
    // 1 × 0.5 = 0.5 → 1
    expect(applyBasisPoints(1, 5000)).toBe(1);
    // 1 × 0.4999 = 0.4999 → 0
    expect(applyBasisPoints(1, 4999)).toBe(0);
    // 333 × 0.85 = 283.05 → 283
    expect(applyBasisPoints(333, 8500)).toBe(283);
    // 999 × 0.88 = 879.12 → 879
    expect(applyBasisPoints(999, 8800)).toBe(879);
    // 15 × 0.9 = 13.5 → 14
    expect(applyBasisPoints(15, 9000)).toBe(14);
  });

  it('keeps exact multiples exact', () => {
    expect(applyBasisPoints(10000, 8000)).toBe(8000);
    expect(applyBasisPoints(1990, 10000)).toBe(1990);
    expect(applyBasisPoints(1990, 0)).toBe(0);
    expect(applyBasisPoints(0, 9500)).toBe(0);
    expect(applyBasisPoints(MAX_FEN, 9500)).toBe(950_000_000);
  });

  it('is symmetric for negative amounts (a refund mirrors its sale)', () => {
    expect(applyBasisPoints(-1990, 9500)).toBe(-1891);
    expect(applyBasisPoints(-1999, 9500)).toBe(-1899);
  });
});

describe('sumFen and isFen', () => {
  it('sums integers', () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([1990, 10, -5])).toBe(1995);
  });

  it('accepts only safe integers', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(-5)).toBe(true);
    expect(isFen(1.5)).toBe(false);
    expect(isFen(Number.NaN)).toBe(false);
    expect(isFen(2 ** 53)).toBe(false);
    expect(isFen('100')).toBe(false);
    expect(isFen(null)).toBe(false);
  });
});
