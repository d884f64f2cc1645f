import { describe, expect, it } from 'vitest';
import { peopleCell as csvCell, peopleCsv as toCsv, percentCell as csvPercent, yuanCell as csvMoney } from '../../src/lib/io/csv/people';

describe('CSV export', () => {
  it('starts with a BOM and ends every line with CRLF', () => {
    const csv = toCsv(['月份', 'Sales (¥)'], [['2026-03', csvMoney(1990)], ['2026-04', csvMoney(-5)]]);
    expect(csv).toBe('\uFEFF月份,Sales (¥)\r\n2026-03,19.90\r\n2026-04,-0.05\r\n');
  });

  it('escapes text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-abc')).toBe("'-abc");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('\nx')).toBe('"\'\nx"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('leaves numbers as numbers, negative ones too', () => {
    expect(csvCell(-12)).toBe('-12');
    expect(csvCell(3.5)).toBe('3.5');
    expect(csvCell(csvMoney(-123_456))).toBe('-1234.56');
    expect(csvCell(csvPercent(1234))).toBe('12.34');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ numeric: '=1+1' })).toBe("'=1+1"); // not a number after all: escaped as text
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('奶粉, 1段')).toBe('"奶粉, 1段"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});
