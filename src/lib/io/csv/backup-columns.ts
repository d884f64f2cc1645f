/**
 * The backup's column layout: one CSV per table of schema version 1, columns in this order, then
 * `_extra` — a JSON object of any field a row has that is not listed (a field added by a later
 * feature, the free-form rows of tables not yet used), so nothing is ever dropped.
 *
 * The table list must equal SCHEMA_V1's (an integration test checks it); io does not import db.
 */
import type { CellType } from './cells';

export interface ColumnSpec {
  name: string;
  type: CellType;
}

/** A problem a whole row has beyond its cells (a sale line with a non-integer amount …). */
export interface RowProblem {
  field: string;
  code: 'notInteger' | 'badJson';
  value: string;
}

export interface TableSpec {
  table: string;
  /** The primary key's field. */
  key: string;
  /** Fields whose values are unique across the table (unique indexes). */
  unique: readonly string[];
  columns: readonly ColumnSpec[];
  /** Checks inside JSON cells. */
  check?: (row: Record<string, unknown>) => RowProblem | null;
}

export const EXTRA_COLUMN = '_extra';

type Cols = Record<string, CellType>;
const stamps: Cols = { createdAt: 'int', updatedAt: 'int' };

function spec(
  table: string,
  columns: Cols,
  opts: { key?: string; unique?: string[]; check?: TableSpec['check'] } = {},
): TableSpec {
  return {
    table,
    key: opts.key ?? 'id',
    unique: opts.unique ?? [],
    columns: Object.entries(columns).map(([name, type]) => ({ name, type })),
    check: opts.check,
  };
}

/** Sale lines: an array of objects whose money (…Fen) and quantity are whole numbers. */
function checkSale(row: Record<string, unknown>): RowProblem | null {
  const lines = row.lines;
  if (lines === undefined) return null;
  if (!Array.isArray(lines)) return { field: 'lines', code: 'badJson', value: JSON.stringify(lines) };
  for (const line of lines as unknown[]) {
    if (line === null || typeof line !== 'object' || Array.isArray(line))
      return { field: 'lines', code: 'badJson', value: JSON.stringify(line) };
    for (const [k, v] of Object.entries(line))
      if ((k.endsWith('Fen') || k === 'qty') && !(typeof v === 'number' && Number.isSafeInteger(v)))
        return { field: `lines.${k}`, code: 'notInteger', value: JSON.stringify(v) };
  }
  return null;
}

export const BACKUP_TABLES: readonly TableSpec[] = [
  spec(
    'members',
    {
      id: 'key',
      name: 'text',
      phone: 'text',
      phoneRev: 'text',
      gender: 'text',
      birthday: 'date',
      region: 'text',
      address: 'text',
      wechat: 'text',
      email: 'text',
      tags: 'json',
      notes: 'text',
      joinedOn: 'date',
      referrerId: 'text',
      registeredBy: 'text',
      consent: 'json',
      tierId: 'text',
      pointsBalance: 'fen',
      storedValueFen: 'fen',
      lifetimeSpendFen: 'fen',
      visitCount: 'int',
      lastPurchaseAt: 'int',
      referralRewardedAt: 'int',
      ...stamps,
      deletedAt: 'int',
    },
    { unique: ['phone'] },
  ),
  spec('babies', {
    id: 'key',
    memberId: 'text',
    nickname: 'text',
    gender: 'text',
    birthDate: 'date',
    expecting: 'bool',
    ...stamps,
  }),
  spec(
    'products',
    {
      id: 'key',
      sku: 'text',
      name: 'text',
      brand: 'text',
      category: 'text',
      priceFen: 'fen',
      formulaStage: 'int',
      daysPerUnit: 'int',
      active: 'bool',
      ...stamps,
    },
    { unique: ['sku'] },
  ),
  spec(
    'sales',
    {
      id: 'key',
      memberId: 'text',
      at: 'int',
      lines: 'json',
      subtotalFen: 'fen',
      discountFen: 'fen',
      couponId: 'text',
      couponFen: 'fen',
      pointsRedeemed: 'fen',
      pointsCashFen: 'fen',
      totalFen: 'fen',
      deliveryFeeFen: 'fen',
      storedValuePrincipalFen: 'fen',
      storedValueBonusFen: 'fen',
      otherPaidFen: 'fen',
      paymentMethod: 'text',
      tierId: 'text',
      campaignId: 'text',
      pointsEarned: 'fen',
      refundOf: 'text',
      fullReturn: 'bool',
      assistantId: 'text',
      ...stamps,
    },
    { check: checkSale },
  ),
  spec('pointsLedger', {
    id: 'key',
    memberId: 'text',
    at: 'int',
    kind: 'text',
    points: 'fen',
    saleId: 'text',
    expiresAt: 'int',
    lotId: 'text',
    reason: 'text',
    ...stamps,
  }),
  spec('storedValueLedger', {
    id: 'key',
    memberId: 'text',
    at: 'int',
    kind: 'text',
    principalFen: 'fen',
    bonusFen: 'fen',
    saleId: 'text',
    topUpId: 'text',
    paymentMethod: 'text',
    reason: 'text',
    ...stamps,
  }),
  spec('tiers', {
    id: 'key',
    name: 'text',
    thresholdFen: 'fen',
    discountBp: 'int',
    pointsMultiplierBp: 'int',
    visitThreshold: 'int',
    freeDelivery: 'bool',
    perks: 'text',
    ...stamps,
  }),
  spec('tierHistory', {
    id: 'key',
    memberId: 'text',
    at: 'int',
    fromTierId: 'text',
    toTierId: 'text',
    reason: 'text',
    ...stamps,
  }),
  spec('couponTemplates', {
    id: 'key',
    name: 'text',
    kind: 'text',
    valueFen: 'fen',
    percentBp: 'int',
    minSpendFen: 'fen',
    validDays: 'int',
    category: 'text',
    pointsCost: 'int',
    active: 'bool',
    ...stamps,
  }),
  spec(
    'coupons',
    {
      id: 'key',
      templateId: 'text',
      memberId: 'text',
      code: 'text',
      name: 'text',
      kind: 'text',
      valueFen: 'fen',
      percentBp: 'int',
      minSpendFen: 'fen',
      category: 'text',
      reason: 'text',
      issuedAt: 'int',
      expiresAt: 'int',
      usedSaleId: 'text',
      usedAt: 'int',
      ...stamps,
    },
    { unique: ['code'] },
  ),
  spec('gifts', { id: 'key', name: 'text', pointsCost: 'int', stock: 'int', active: 'bool', ...stamps }),
  spec('campaigns', {
    id: 'key',
    name: 'text',
    kind: 'text',
    startDate: 'text',
    endDate: 'text',
    multiplierBp: 'int',
    ...stamps,
  }),
  spec('events', { id: 'key', name: 'text', date: 'text', ...stamps }),
  spec('eventSignups', { id: 'key', eventId: 'text', memberId: 'text', ...stamps }),
  spec('contacts', { id: 'key', memberId: 'text', at: 'int', ...stamps }),
  spec('segments', { id: 'key', name: 'text', ...stamps }),
  spec('feedback', { id: 'key', memberId: 'text', at: 'int', ...stamps }),
  spec('paidMemberships', {
    id: 'key',
    memberId: 'text',
    planName: 'text',
    feeFen: 'fen',
    paymentMethod: 'text',
    startsOn: 'text',
    endsOn: 'text',
    freeDelivery: 'bool',
    ...stamps,
  }),
  // spend, visit and months (on some kinds only) travel in _extra, so absent stays absent.
  spec('growthLedger', { id: 'key', memberId: 'text', at: 'int', kind: 'text', value: 'fen', saleId: 'text', ref: 'text', ...stamps }),
  spec('staff', { id: 'key', name: 'text', ...stamps }),
  spec('dailyRollups', { date: 'key' }, { key: 'date' }),
  spec('auditLog', { id: 'key', at: 'int', ...stamps }),
  spec('settings', { key: 'key', value: 'json' }, { key: 'key' }),
];

/**
 * Which fields name a row of another table (or of their own): a restore refuses a backup where such a
 * value names no row — a sale of a member who is not there would break the books.
 */
export const BACKUP_REFERENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  members: { referrerId: 'members' },
  babies: { memberId: 'members' },
  sales: { memberId: 'members', refundOf: 'sales' },
  pointsLedger: { memberId: 'members', saleId: 'sales' },
  storedValueLedger: { memberId: 'members', saleId: 'sales' },
  tierHistory: { memberId: 'members' },
  coupons: { memberId: 'members' },
  eventSignups: { eventId: 'events', memberId: 'members' },
  contacts: { memberId: 'members' },
  feedback: { memberId: 'members' },
  paidMemberships: { memberId: 'members' },
  growthLedger: { memberId: 'members', saleId: 'sales' },
};

export const BACKUP_TABLE_NAMES: readonly string[] = BACKUP_TABLES.map((t) => t.table);

export function tableSpec(name: string): TableSpec | undefined {
  return BACKUP_TABLES.find((t) => t.table === name);
}

export function fileOf(table: string): string {
  return `${table}.csv`;
}

/** The header row of a table's CSV. */
export function headerOf(spec: TableSpec): string[] {
  return [...spec.columns.map((c) => c.name), EXTRA_COLUMN];
}
