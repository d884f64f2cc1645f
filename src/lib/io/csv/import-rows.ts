/**
 * What every kind of import shares: the problems a row can have, reading dates and amounts as other
 * systems write them, the columns of one record, and the counts of a plan. Pure.
 */
import { isIsoDate, type IsoDate } from '../../domain/clock';
import { parseYuan, type Fen } from '../../domain/money';
import type { ImportField, Mapping } from './import-mapping';

export type ImportErrorReason =
  | 'required'
  | 'phoneFormat'
  | 'dateFormat'
  | 'impossibleDate'
  | 'dateInFuture'
  | 'notWholeNumber'
  | 'negative'
  | 'moneyFormat'
  | 'tooLarge'
  | 'tooLong'
  | 'genderUnknown'
  | 'emailFormat'
  | 'duplicateInFile'
  | 'columnCount'
  | 'openingDiffers'
  | 'skuFormat'
  | 'stageRange'
  | 'daysRange'
  | 'yesNoUnknown'
  | 'memberUnknown'
  | 'paymentUnknown'
  | 'amountNeeded'
  | 'zeroQty'
  | 'orderDiffers'
  | 'saleDiffers';

export interface ImportError {
  /** 1-based data row (the header is row 0); the file's line number is row + 1. */
  row: number;
  field: ImportField | null;
  value: string;
  reason: ImportErrorReason;
  /** The row it repeats (duplicateInFile, orderDiffers); the value on file (openingDiffers). */
  detail?: string;
}

export type RowRead<T> = { ok: true; value: T } | { ok: false; errors: ImportError[] };

export type PlanAction = 'new' | 'updated' | 'unchanged';

export interface PlanCounts {
  new: number;
  updated: number;
  unchanged: number;
  invalid: number;
  total: number;
}

export function countPlan(
  rows: readonly { action: PlanAction }[],
  invalid: number,
  total: number,
): PlanCounts {
  const count = (a: PlanAction) => rows.filter((r) => r.action === a).length;
  return { new: count('new'), updated: count('updated'), unchanged: count('unchanged'), invalid, total };
}

/** Collects one row's problems, every one (not just the first). */
export class RowErrors {
  readonly list: ImportError[] = [];
  constructor(readonly row: number) {}
  add(field: ImportField | null, value: string, reason: ImportErrorReason, detail?: string): void {
    this.list.push({ row: this.row, field, value, reason, ...(detail === undefined ? {} : { detail }) });
  }
  get ok(): boolean {
    return this.list.length === 0;
  }
}

/**
 * The mapped cells of one record, field → raw text, or the column-count problem. Some systems drop
 * trailing empty cells, or add empty ones: only extra text is an error.
 */
export function mappedCells(
  record: readonly string[],
  mapping: Mapping,
  errors: RowErrors,
): Map<ImportField, string> | null {
  if (record.length > mapping.length && record.slice(mapping.length).some((c) => c.trim() !== '')) {
    errors.add(null, record.join(','), 'columnCount');
    return null;
  }
  const cells = new Map<ImportField, string>();
  mapping.forEach((field, i) => {
    if (field) cells.set(field, record[i] ?? '');
  });
  return cells;
}

/**
 * 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D', 'YYYY年M月D日', 'YYYYMMDD' (as Excel and other systems write
 * dates) → 'YYYY-MM-DD'; a time after the date is ignored.
 */
export function parseDate(
  text: string,
): { ok: true; date: IsoDate } | { ok: false; reason: 'dateFormat' | 'impossibleDate' } {
  const at = parseDateTime(text);
  return at.ok ? { ok: true, date: at.date } : at;
}

/**
 * A date as parseDate reads it, with an optional time ('13:05', '13:05:09', 'T13:05:09.000').
 * Without a time it is noon, so the day stays the same on a device a few time zones away.
 */
export function parseDateTime(
  text: string,
):
  | { ok: true; date: IsoDate; hour: number; minute: number; second: number }
  | { ok: false; reason: 'dateFormat' | 'impossibleDate' } {
  const t = text.trim();
  const time = /[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(t);
  const day = time ? t.slice(0, time.index) : t;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(day) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(day);
  if (!m) return { ok: false, reason: 'dateFormat' };
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const [hour, minute, second] = time ? [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)] : [12, 0, 0];
  if (!isIsoDate(date) || hour > 23 || minute > 59 || second > 59)
    return { ok: false, reason: 'impossibleDate' };
  return { ok: true, date, hour, minute, second };
}

/** An amount in yuan → fen, with the reason when it is none. */
export function readYuan(
  text: string,
): { ok: true; fen: Fen } | { ok: false; reason: 'negative' | 'tooLarge' | 'moneyFormat' } {
  const y = parseYuan(text);
  if (y.ok) return y;
  return { ok: false, reason: y.error === 'negative' || y.error === 'tooLarge' ? y.error : 'moneyFormat' };
}

/** A whole number (thousands separators allowed) within 0…max. */
export function readWhole(
  text: string,
  max: number,
): { ok: true; n: number } | { ok: false; reason: 'notWholeNumber' | 'negative' | 'tooLarge' } {
  const cleaned = text.trim().replace(/,/g, '');
  if (!/^-?\d+$/.test(cleaned)) return { ok: false, reason: 'notWholeNumber' };
  if (cleaned.startsWith('-') && Number(cleaned) !== 0) return { ok: false, reason: 'negative' };
  const n = Math.abs(Number(cleaned));
  return n > max ? { ok: false, reason: 'tooLarge' } : { ok: true, n };
}

/** 是/否, yes/no, 1/0, 在售/停售 … → true/false; null when it is neither. */
export function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['是', '有', '在售', '上架', '启用', '正常', 'y', 'yes', 'true', '1', 'active', 'on'].includes(t))
    return true;
  if (['否', '无', '停售', '下架', '停用', '禁用', 'n', 'no', 'false', '0', 'inactive', 'off'].includes(t))
    return false;
  return null;
}
