import { describe, expect, it } from 'vitest';
import {
  discountModeFor,
  formatDiscount,
  formatScaled,
  parseDiscount,
  parseScaled,
  parseWhole,
} from '../../src/ui/components/settings/decimal';

describe('settings decimal inputs', () => {
  it('parses decimals into exact scaled integers', () => {
    expect(parseScaled('1', 4)).toEqual({ ok: true, value: 10000 });
    expect(parseScaled('0.5', 4)).toEqual({ ok: true, value: 5000 });
    expect(parseScaled('.25', 4)).toEqual({ ok: true, value: 2500 });
    expect(parseScaled('1.', 4)).toEqual({ ok: true, value: 10000 });
    expect(parseScaled(' １.５ ', 4)).toEqual({ ok: true, value: 15000 });
    expect(parseScaled('0.0001', 4)).toEqual({ ok: true, value: 1 });
    // 0.1 + 0.2 style float traps never happen: every digit is placed by string work.
    expect(parseScaled('0.3', 4)).toEqual({ ok: true, value: 3000 });
  });

  it('refuses what is not a plain non-negative decimal', () => {
    expect(parseScaled('', 4)).toEqual({ ok: false, error: 'empty' });
    for (const bad of ['-1', '1e3', '1,5', 'abc', '1.23456', '1.2.3', '.'])
      expect(parseScaled(bad, 4)).toEqual({ ok: false, error: 'format' });
  });

  it('formats scaled integers back without trailing zeros', () => {
    expect(formatScaled(10000, 4)).toBe('1');
    expect(formatScaled(15000, 4)).toBe('1.5');
    expect(formatScaled(12345, 4)).toBe('1.2345');
    expect(formatScaled(0, 4)).toBe('0');
    expect(formatScaled(Number.NaN, 4)).toBe('');
  });

  it('round-trips tier discounts in 折 and in percent', () => {
    expect(discountModeFor('zh-CN')).toBe('zhe');
    expect(discountModeFor('en')).toBe('percent');
    expect(parseDiscount('9.5', 'zhe')).toBe(9500);
    expect(parseDiscount('8', 'zhe')).toBe(8000);
    expect(parseDiscount('8.75', 'zhe')).toBe(8750);
    expect(parseDiscount('95', 'percent')).toBe(9500);
    expect(parseDiscount('87.5', 'percent')).toBe(8750);
    expect(parseDiscount('9.5x', 'zhe')).toBeNaN();
    expect(formatDiscount(9500, 'zhe')).toBe('9.5');
    expect(formatDiscount(10000, 'zhe')).toBe('10');
    expect(formatDiscount(9500, 'percent')).toBe('95');
    expect(formatDiscount(8750, 'percent')).toBe('87.5');
  });

  it('reads whole numbers or gives NaN for the validator to refuse', () => {
    expect(parseWhole('12')).toBe(12);
    expect(parseWhole(' ０ ')).toBe(0);
    expect(parseWhole('1.5')).toBeNaN();
    expect(parseWhole('')).toBeNaN();
  });
});
