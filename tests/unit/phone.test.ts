import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone, reversePhone } from '../../src/lib/domain/phone';

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    [' 138 1234 5678 ', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['(138) 1234-5678', '13812345678'],
    ['（138）12345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['86 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['＋８６ １３８ １２３４ ５６７８', '13812345678'],
    ['138\u30001234\u30005678', '13812345678'], // ideographic spaces
    ['19912345678', '19912345678'],
    ['16600000000', '16600000000'],
  ])('%j → %s', (text, phone) => {
    expect(normalizePhone(text)).toEqual({ ok: true, phone });
  });

  it.each(['', '   ', ' - ', '（）'])('empty input %j', (text) => {
    expect(normalizePhone(text)).toEqual({ ok: false, error: 'empty' });
  });

  it.each([
    '138123456789', // 12 digits
    '1381234567', // 10 digits
    '12812345678', // starts 12
    '11812345678', // starts 11
    '10812345678', // starts 10
    '23812345678', // does not start with 1
    '+8612812345678', // +86 then a number starting 12
    '+861381234567', // +86 then 10 digits
    '86138123456', // 11 digits starting 86 are not a prefix + number
    '0086 1381234567',
    '138.1234.5678',
    '138 1234 567a',
    '021-12345678', // landline
  ])('refuses %j as format', (text) => {
    expect(normalizePhone(text)).toEqual({ ok: false, error: 'format' });
  });
});

describe('reversePhone', () => {
  it('reverses the digits', () => {
    expect(reversePhone('13812345678')).toBe('87654321831');
    expect(reversePhone('')).toBe('');
  });

  it('makes "ends with 5678" a prefix of the reversed number', () => {
    expect(reversePhone('13812345678').startsWith(reversePhone('5678'))).toBe(true);
    expect(reversePhone('5678')).toBe('8765');
  });
});

describe('maskPhone', () => {
  it('masks the middle four digits of an 11-digit number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('19900001111')).toBe('199****1111');
  });

  it('leaves anything else as it is', () => {
    expect(maskPhone('12345')).toBe('12345');
    expect(maskPhone('')).toBe('');
    expect(maskPhone('138123456789')).toBe('138123456789');
  });
});
