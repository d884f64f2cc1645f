import { describe, expect, it } from 'vitest';
import { peopleCell, peopleCsv, yuanCell } from '../../src/lib/io/csv/people';

describe('CSV for people (Excel / WPS)', () => {
  it('has a BOM and CRLF line ends', () => {
    expect(peopleCsv(['姓名', '积分'], [['王芳', 1200]])).toBe('\uFEFF姓名,积分\r\n王芳,1200\r\n');
  });

  it('escapes text that a spreadsheet would run as a formula, and nothing else', () => {
    expect(peopleCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(peopleCell('+86 138')).toBe("'+86 138");
    expect(peopleCell('-abc')).toBe("'-abc");
    expect(peopleCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(peopleCell('\t1')).toBe("'\t1");
    expect(peopleCell('\r1')).toBe('"\'\r1"');
    expect(peopleCell('\n1')).toBe('"\'\n1"');
    expect(peopleCell('a=b, c')).toBe('"a=b, c"');
    expect(peopleCell('13800138000')).toBe('13800138000');
  });

  it('keeps numbers numbers, negative ones and money with two decimals', () => {
    expect(peopleCell(-5)).toBe('-5');
    expect(peopleCell(yuanCell(-123_456))).toBe('-1234.56');
    expect(peopleCell(yuanCell(1990))).toBe('19.90');
    expect(peopleCell({ numeric: '=1+1' })).toBe("'=1+1");
    expect(peopleCell(Number.NaN)).toBe('');
    expect(peopleCell(null)).toBe('');
  });
});
