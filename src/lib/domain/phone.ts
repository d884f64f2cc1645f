/**
 * Chinese mobile numbers: 11 digits starting 13–19. People type them with spaces, dashes,
 * a +86 / 0086 prefix, or full-width digits; we store the bare 11 digits.
 */
export type PhoneError = 'empty' | 'format';

export function normalizePhone(text: string): { ok: true; phone: string } | { ok: false; error: PhoneError } {
  const halfWidth = text.replace(/[\uFF10-\uFF19\uFF0B]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  const compact = halfWidth.replace(/[\s\-()（）]/g, '');
  if (compact === '') return { ok: false, error: 'empty' };
  const withoutPrefix = compact.replace(/^(\+86|0086|86(?=1\d{10}$))/, '');
  if (!/^1[3-9]\d{9}$/.test(withoutPrefix)) return { ok: false, error: 'format' };
  return { ok: true, phone: withoutPrefix };
}

/** Reversed digits: an index on this answers "ends with 5678" as a prefix query. */
export function reversePhone(phone: string): string {
  return phone.split('').reverse().join('');
}

/** 13812345678 → 138****5678, for lists. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
