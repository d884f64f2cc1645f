import { describe, expect, it } from 'vitest';
import { cardCode, memberIdFromCard, qrPath } from '../../src/lib/domain/member-card';

const ID = '0f8e2a13-2872-448a-9dd1-d68787eeb419';

describe('member card code', () => {
  it('is her id behind a prefix, and reads back however a scanner types it', () => {
    expect(cardCode(ID)).toBe('HYB1:0f8e2a13-2872-448a-9dd1-d68787eeb419');
    expect(memberIdFromCard(cardCode(ID))).toBe(ID);
    expect(memberIdFromCard(`  ${cardCode(ID).toUpperCase()}\n`)).toBe(ID);
    expect(memberIdFromCard('hyb1:' + ID)).toBe(ID);
  });

  it('is not a phone, a name or anything else', () => {
    expect(memberIdFromCard('13812345678')).toBeNull();
    expect(memberIdFromCard('王芳')).toBeNull();
    expect(memberIdFromCard('HYB1:')).toBeNull();
    expect(memberIdFromCard('HYB1:not-a-uuid')).toBeNull();
    expect(memberIdFromCard('HYB2:' + ID)).toBeNull();
    expect(memberIdFromCard(ID)).toBeNull();
  });
});

describe('qrPath', () => {
  it('draws each run of dark modules in a row as one rectangle', () => {
    expect(
      qrPath([
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ]),
    ).toBe('M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z');
    expect(qrPath([[false, false]])).toBe('');
  });
});
