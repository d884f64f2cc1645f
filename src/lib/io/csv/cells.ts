/**
 * Lossless cell codec of the backup CSV. Every value a row can hold in IndexedDB (as this app writes
 * it) survives encode → decode exactly; the column's type only decides how it reads in a spreadsheet.
 *
 *   cell          meaning
 *   ''            text columns: the empty string · other columns: the field is absent
 *   \N            null
 *   \U            the field is absent (text columns; other columns use '')
 *   \J<json>      a value whose type does not match the column (kept as JSON)
 *   \F<n>         NaN, Infinity or -Infinity
 *   \\…           text that itself starts with a backslash (one backslash is dropped)
 *   anything else the value, written in the column's type (text as is, numbers in shortest
 *                 round-trip form, true/false, JSON for arrays and objects, YYYY-MM-DD dates)
 *
 * A property whose value is `undefined` counts as absent; -0 is written as 0.
 * No spreadsheet formula escaping here: that rewrites '-5' and '+86…' (see people.ts for exports).
 */
import { isIsoDate } from '../../domain/clock';
import type { IssueCode } from './issues';

/**
 * key: a primary key: required, non-empty text (or a number, via \J) · text · date: 'YYYY-MM-DD' or null ·
 * int: a whole number (lenient: another type is kept via \J) · fen: money and points, strictly a
 * whole number or null · number · bool · json: arrays and objects.
 */
export type CellType = 'key' | 'text' | 'date' | 'int' | 'fen' | 'number' | 'bool' | 'json';

export const ABSENT: unique symbol = Symbol('absent');
export type Decoded = unknown | typeof ABSENT;

export class EncodeError extends Error {
  constructor(readonly reason: 'notJsonSafe') {
    super(reason);
    this.name = 'EncodeError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isTextType(type: CellType): boolean {
  return type === 'key' || type === 'text' || type === 'date';
}

/** Whether JSON.stringify → JSON.parse gives the value back (undefined properties count as absent). */
export function isJsonSafe(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return false; // a hole would come back as null
      const v: unknown = value[i];
      if (v === undefined || !isJsonSafe(v, depth + 1)) return false;
    }
    return true;
  }
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false; // Date, Map, Blob …
    for (const v of Object.values(value as Record<string, unknown>))
      if (v !== undefined && !isJsonSafe(v, depth + 1)) return false;
    return true;
  }
  return false; // bigint, symbol, function
}

function asJson(value: unknown): string {
  if (!isJsonSafe(value)) throw new EncodeError('notJsonSafe');
  return '\\J' + JSON.stringify(value);
}

/** One value → one cell. Throws EncodeError for what JSON cannot hold (a Date, NaN inside an array …). */
export function encodeCell(value: unknown, type: CellType): string {
  if (value === undefined) return isTextType(type) ? '\\U' : '';
  if (value === null) return '\\N';
  if (typeof value === 'number' && !Number.isFinite(value)) return '\\F' + String(value);
  switch (type) {
    case 'key':
    case 'text':
    case 'date':
      if (typeof value !== 'string' || LONE_SURROGATE.test(value)) return asJson(value);
      return value.startsWith('\\') ? '\\' + value : value;
    case 'int':
    case 'fen':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? String(value === 0 ? 0 : value)
        : asJson(value);
    case 'number':
      return typeof value === 'number' ? String(value === 0 ? 0 : value) : asJson(value);
    case 'bool':
      return typeof value === 'boolean' ? String(value) : asJson(value);
    case 'json':
      if (typeof value !== 'object') return asJson(value);
      if (!isJsonSafe(value)) throw new EncodeError('notJsonSafe');
      return JSON.stringify(value);
  }
}

export type DecodeResult = { ok: true; value: Decoded } | { ok: false; code: IssueCode };

const INT = /^-?(?:0|[1-9]\d*)$/;

/** One cell → one value, checking it fits the column. */
export function decodeCell(cell: string, type: CellType): DecodeResult {
  let value: Decoded;
  if (cell.startsWith('\\')) {
    const tag = cell.slice(0, 2);
    if (cell === '\\N') value = null;
    else if (cell === '\\U') value = ABSENT;
    else if (tag === '\\\\' && isTextType(type)) value = cell.slice(1);
    else if (tag === '\\J') {
      try {
        value = JSON.parse(cell.slice(2)) as unknown;
      } catch {
        return { ok: false, code: 'badJson' };
      }
    } else if (tag === '\\F' && /^(NaN|-?Infinity)$/.test(cell.slice(2))) value = Number(cell.slice(2));
    else return { ok: false, code: 'badEscape' };
  } else if (cell === '' && !isTextType(type)) {
    value = ABSENT;
  } else {
    switch (type) {
      case 'key':
      case 'text':
      case 'date':
        value = cell;
        break;
      case 'int':
      case 'fen': {
        const n = Number(cell);
        if (!INT.test(cell) || !Number.isSafeInteger(n)) return { ok: false, code: 'notInteger' };
        value = n;
        break;
      }
      case 'number': {
        const n = Number(cell);
        if (!Number.isFinite(n) || String(n) !== cell) return { ok: false, code: 'notNumber' };
        value = n;
        break;
      }
      case 'bool':
        if (cell !== 'true' && cell !== 'false') return { ok: false, code: 'notBoolean' };
        value = cell === 'true';
        break;
      case 'json':
        try {
          value = JSON.parse(cell) as unknown;
        } catch {
          return { ok: false, code: 'badJson' };
        }
        break;
    }
  }
  // Strict columns hold their type whatever way the value was written.
  if (
    type === 'key' &&
    !((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)))
  )
    return { ok: false, code: 'required' };
  if (type === 'date' && value !== null && value !== ABSENT) {
    if (typeof value !== 'string') return { ok: false, code: 'notText' };
    if (!isIsoDate(value)) return { ok: false, code: 'impossibleDate' };
  }
  if (
    type === 'fen' &&
    value !== null &&
    value !== ABSENT &&
    !(typeof value === 'number' && Number.isSafeInteger(value))
  )
    return { ok: false, code: 'notInteger' };
  return { ok: true, value };
}
