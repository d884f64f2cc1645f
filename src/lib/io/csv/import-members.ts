/**
 * Members from another system's CSV: the column mapping (guessed from Chinese and English headers),
 * each row read into a member as it would be stored — phones and codes kept as text — and the plan of
 * what an import would do (new / updated / unchanged / invalid), before anything is written.
 * Pure: the existing members are passed in.
 */
import type { IsoDate } from '../../domain/clock';
import type { Gender } from '../../domain/member';
import { parseTags } from '../../domain/member';
import { normalizePhone } from '../../domain/phone';
import type { ImportedMember } from '../../domain/member-import';
import type { MemberField, Mapping } from './import-mapping';
import {
  countPlan,
  mappedCells,
  parseDate,
  readWhole,
  readYuan,
  RowErrors,
  type ImportError,
  type ImportErrorReason,
  type PlanAction,
  type PlanCounts,
} from './import-rows';

export type { ImportedMember };

const MAX_POINTS = 100_000_000;

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
  const errors = new RowErrors(row);
  const cells = mappedCells(record, mapping, errors);
  if (!cells) return { ok: false, errors: errors.list };
  const m: ImportedMember = { row, phone: '' };
  for (const [field, raw] of cells) {
    const text = raw.trim();
    const err = (reason: ImportErrorReason) => errors.add(field, raw, reason);
    switch (field as MemberField) {
      case 'name':
        if (text === '') err('required');
        else if (text.length > 50) err('tooLong');
        else m.name = text;
        break;
      case 'phone': {
        const p = normalizePhone(text);
        if (!p.ok) err(p.error === 'empty' ? 'required' : 'phoneFormat');
        else m.phone = p.phone;
        break;
      }
      case 'gender': {
        const g = parseGender(text);
        if (g === null) err('genderUnknown');
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
        if (!d.ok) err(d.reason);
        else if (d.date > today) err('dateInFuture');
        else if (field === 'birthday') m.birthday = d.date;
        else m.joinedOn = d.date;
        break;
      }
      case 'points': {
        if (text === '') break;
        const n = readWhole(text, MAX_POINTS);
        if (!n.ok) err(n.reason);
        else m.points = n.n;
        break;
      }
      case 'storedValue': {
        if (text === '') break;
        const y = readYuan(text);
        if (!y.ok) err(y.reason);
        else m.storedValueFen = y.fen;
        break;
      }
      case 'tags':
        m.tags = parseTags(text);
        break;
      case 'email':
        if (text !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) err('emailFormat');
        else m.email = text;
        break;
      case 'notes':
        if (text.length > 2000) err('tooLong');
        else m.notes = text;
        break;
      case 'region':
      case 'address':
      case 'wechat':
        if (text.length > 200) err('tooLong');
        else m[field as 'region' | 'address' | 'wechat'] = text;
        break;
    }
  }
  if (!cells.has('phone')) errors.add('phone', '', 'required');
  return errors.ok ? { ok: true, member: m } : { ok: false, errors: errors.list };
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
  counts: PlanCounts;
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
  return { rows, errors, counts: countPlan(rows, invalidRows.size, read.length) };
}
