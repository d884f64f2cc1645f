/**
 * Members from another system's CSV: the column mapping (guessed from Chinese and English headers),
 * each row read into a member as it would be stored — phones and codes kept as text — and the plan of
 * what an import would do (new / updated / unchanged / invalid), before anything is written.
 * Pure: the existing members are passed in.
 */
import { isIsoDate, type IsoDate } from '../../domain/clock';
import type { Gender } from '../../domain/member';
import { parseTags } from '../../domain/member';
import { parseYuan } from '../../domain/money';
import { normalizePhone } from '../../domain/phone';
import type { ImportedMember } from '../../domain/member-import';

export type { ImportedMember };
export { guessMapping, IMPORT_FIELDS, type ImportField, type Mapping } from './import-mapping';
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
  | 'openingDiffers';

export interface ImportError {
  /** 1-based data row (the header is row 0); the file's line number is row + 1. */
  row: number;
  field: ImportField | null;
  value: string;
  reason: ImportErrorReason;
  /** The row it repeats, for duplicateInFile; the balance on file, for openingDiffers. */
  detail?: string;
}

const MAX_POINTS = 100_000_000;

/**
 * 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D', 'YYYY年M月D日', 'YYYYMMDD' (as Excel and other systems write
 * dates) → 'YYYY-MM-DD'; a time after the date is ignored. null when it is no date at all.
 */
export function parseDate(
  text: string,
): { ok: true; date: IsoDate } | { ok: false; reason: 'dateFormat' | 'impossibleDate' } {
  const t = text.trim().replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return { ok: false, reason: 'dateFormat' };
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(date) ? { ok: true, date } : { ok: false, reason: 'impossibleDate' };
}

export function parseGender(text: string): Gender | null {
  const t = text.trim().toLowerCase();
  if (t === '') return 'unknown';
  if (['女', 'f', 'female', 'woman', 'w', '女士'].includes(t)) return 'female';
  if (['男', 'm', 'male', 'man', '男士'].includes(t)) return 'male';
  if (['未知', '保密', 'unknown', 'u', '-'].includes(t)) return 'unknown';
  return null;
}

/** One CSV record → a member, or the problems of that row (every one, not just the first). */
export function readMemberRow(
  record: readonly string[],
  mapping: Mapping,
  row: number,
  today: IsoDate,
): { ok: true; member: ImportedMember } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const err = (field: ImportField | null, value: string, reason: ImportErrorReason) =>
    errors.push({ row, field, value, reason });
  // Some systems drop trailing empty cells, or add empty ones: only extra text is an error.
  if (record.length > mapping.length && record.slice(mapping.length).some((c) => c.trim() !== '')) {
    err(null, record.join(','), 'columnCount');
    return { ok: false, errors };
  }
  const cells =
    record.length >= mapping.length
      ? record
      : [...record, ...Array<string>(mapping.length - record.length).fill('')];
  const m: ImportedMember = { row, phone: '' };
  let sawPhone = false;
  mapping.forEach((field, i) => {
    if (!field) return;
    const raw = cells[i] ?? '';
    const text = raw.trim();
    switch (field) {
      case 'name':
        if (text === '') err(field, raw, 'required');
        else if (text.length > 50) err(field, raw, 'tooLong');
        else m.name = text;
        break;
      case 'phone': {
        sawPhone = true;
        const p = normalizePhone(text);
        if (!p.ok) err(field, raw, p.error === 'empty' ? 'required' : 'phoneFormat');
        else m.phone = p.phone;
        break;
      }
      case 'gender': {
        const g = parseGender(text);
        if (g === null) err(field, raw, 'genderUnknown');
        else m.gender = g;
        break;
      }
      case 'birthday':
      case 'joinedOn': {
        if (text === '') {
          if (field === 'birthday') m.birthday = null;
          break;
        }
        const d = parseDate(text);
        if (!d.ok) err(field, raw, d.reason);
        else if (d.date > today) err(field, raw, 'dateInFuture');
        else m[field] = d.date;
        break;
      }
      case 'points': {
        if (text === '') break;
        const cleaned = text.replace(/,/g, '');
        if (!/^-?\d+$/.test(cleaned)) err(field, raw, 'notWholeNumber');
        else if (cleaned.startsWith('-')) err(field, raw, 'negative');
        else if (Number(cleaned) > MAX_POINTS) err(field, raw, 'tooLarge');
        else m.points = Number(cleaned);
        break;
      }
      case 'storedValue': {
        if (text === '') break;
        const y = parseYuan(text);
        if (!y.ok)
          err(
            field,
            raw,
            y.error === 'negative' ? 'negative' : y.error === 'tooLarge' ? 'tooLarge' : 'moneyFormat',
          );
        else m.storedValueFen = y.fen;
        break;
      }
      case 'tags':
        m.tags = parseTags(text);
        break;
      case 'email':
        if (text !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) err(field, raw, 'emailFormat');
        else m.email = text;
        break;
      case 'notes':
        if (text.length > 2000) err(field, raw, 'tooLong');
        else m.notes = text;
        break;
      default:
        if (text.length > 200) err(field, raw, 'tooLong');
        else m[field] = text;
    }
  });
  if (!sawPhone) err('phone', '', 'required');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, member: m };
}

/** A member on file, as far as an import compares her. */
export interface ExistingMember {
  id: string;
  name: string;
  phone: string;
  gender: Gender;
  birthday: IsoDate | null;
  tags: string[];
  notes: string;
  region: string;
  address: string;
  wechat: string;
  email: string;
  /** Her opening balances, when an import wrote them. */
  openingPoints: number | null;
  openingStoredValueFen: number | null;
}

export type PlanAction = 'new' | 'updated' | 'unchanged';

export interface PlannedMember {
  action: PlanAction;
  member: ImportedMember;
  existingId: string | null;
  /** The profile fields that change (for an update). */
  changes: string[];
  /** Opening balances to write (new members, or existing ones that have none yet). */
  openingPoints: number | null;
  openingStoredValueFen: number | null;
}

export interface ImportPlan {
  rows: PlannedMember[];
  errors: ImportError[];
  counts: { new: number; updated: number; unchanged: number; invalid: number; total: number };
}

const PROFILE_FIELDS = [
  'name',
  'gender',
  'birthday',
  'tags',
  'notes',
  'region',
  'address',
  'wechat',
  'email',
] as const;

function same(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((x, i) => x === b[i])
    : a === b;
}

/**
 * What importing these rows would do, matched by phone: a new member, an update of the mapped profile
 * fields, or nothing. A phone twice in the file makes the later row invalid; an opening balance that
 * differs from the one already imported is refused (ledgers are append-only: an import never edits one).
 * A new member needs a name.
 */
export function planMemberImport(
  read: readonly ({ ok: true; member: ImportedMember } | { ok: false; errors: ImportError[] })[],
  existing: ReadonlyMap<string, ExistingMember>,
): ImportPlan {
  const rows: PlannedMember[] = [];
  const errors: ImportError[] = [];
  const invalidRows = new Set<number>();
  const seen = new Map<string, number>();
  for (const r of read) {
    if (!r.ok) {
      errors.push(...r.errors);
      for (const e of r.errors) invalidRows.add(e.row);
      continue;
    }
    const m = r.member;
    const rowErrors: ImportError[] = [];
    const first = seen.get(m.phone);
    if (first !== undefined)
      rowErrors.push({
        row: m.row,
        field: 'phone',
        value: m.phone,
        reason: 'duplicateInFile',
        detail: String(first),
      });
    const ex = existing.get(m.phone) ?? null;
    if (!ex && (m.name === undefined || m.name === ''))
      rowErrors.push({ row: m.row, field: 'name', value: '', reason: 'required' });
    let openingPoints: number | null = null;
    let openingStoredValueFen: number | null = null;
    if (m.points !== undefined && m.points !== 0) {
      if (ex?.openingPoints != null && ex.openingPoints !== m.points)
        rowErrors.push({
          row: m.row,
          field: 'points',
          value: String(m.points),
          reason: 'openingDiffers',
          detail: String(ex.openingPoints),
        });
      else if (ex?.openingPoints == null) openingPoints = m.points;
    }
    if (m.storedValueFen !== undefined && m.storedValueFen !== 0) {
      if (ex?.openingStoredValueFen != null && ex.openingStoredValueFen !== m.storedValueFen)
        rowErrors.push({
          row: m.row,
          field: 'storedValue',
          value: String(m.storedValueFen),
          reason: 'openingDiffers',
          detail: String(ex.openingStoredValueFen),
        });
      else if (ex?.openingStoredValueFen == null) openingStoredValueFen = m.storedValueFen;
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      invalidRows.add(m.row);
      continue;
    }
    seen.set(m.phone, m.row);
    const changes = ex ? PROFILE_FIELDS.filter((f) => m[f] !== undefined && !same(m[f], ex[f])) : [];
    const action: PlanAction = !ex
      ? 'new'
      : changes.length > 0 || openingPoints !== null || openingStoredValueFen !== null
        ? 'updated'
        : 'unchanged';
    rows.push({
      action,
      member: m,
      existingId: ex?.id ?? null,
      changes,
      openingPoints,
      openingStoredValueFen,
    });
  }
  errors.sort((a, b) => a.row - b.row);
  const count = (a: PlanAction) => rows.filter((r) => r.action === a).length;
  return {
    rows,
    errors,
    counts: {
      new: count('new'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      invalid: invalidRows.size,
      total: read.length,
    },
  };
}
