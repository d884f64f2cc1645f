/**
 * Sales from another system's CSV: one row per item (rows sharing an order number are one sale) or one
 * row per sale. Each row is read as it would be stored, then the plan groups the rows into sales,
 * matched by order number: a sale already imported is left as it is (sales are append-only). Pure:
 * the members, products and sales on file are passed in.
 */
import type { IsoDate } from '../../domain/clock';
import type { Id } from '../../domain/ids';
import { MAX_FEN, type Fen } from '../../domain/money';
import { normalizePhone } from '../../domain/phone';
import type { PaymentMethod, Sale } from '../../domain/sale';
import {
  importedSaleId,
  importedSaleRow,
  sameImportedSale,
  type CatalogueEntry,
  type ImportedSale,
} from '../../domain/sale-import';
import type { Mapping, SaleField } from './import-mapping';
import {
  countPlan,
  mappedCells,
  parseDateTime,
  readWhole,
  readYuan,
  RowErrors,
  type ImportError,
  type ImportErrorReason,
  type PlanCounts,
} from './import-rows';

export type { ImportedSale };

/** One row of a sales file, read. */
export interface SaleRow {
  row: number;
  externalId: string;
  phone: string | null;
  at: number;
  paymentMethod: PaymentMethod | null;
  sku: string | null;
  name: string;
  qty: number;
  unitPriceFen: Fen;
  amountFen: Fen;
}

/** A row that could not be read still names its order when it can: the whole order is then left out. */
export type SaleRowRead =
  { ok: true; value: SaleRow } | { ok: false; errors: ImportError[]; externalId: string | null };

const MAX_QTY = 9_999;

const PAYMENT_WORDS: Record<PaymentMethod, string[]> = {
  cash: ['现金', 'cash', '人民币'],
  wechat: ['微信', '微信支付', 'wechat', 'wechatpay', 'weixin', 'wx'],
  alipay: ['支付宝', 'alipay', 'zfb'],
  card: ['刷卡', '银行卡', '银联', '信用卡', '借记卡', 'pos', 'card', 'bankcard', 'unionpay', 'creditcard'],
};

export function parsePaymentMethod(text: string): PaymentMethod | null {
  const t = text.trim().toLowerCase().replace(/\s/g, '');
  for (const [method, words] of Object.entries(PAYMENT_WORDS) as [PaymentMethod, string[]][])
    if (words.includes(t)) return method;
  return null;
}

/** The local instant of a date and time read from the file (the shop's time zone is this device's). */
function localInstant(date: IsoDate, hour: number, minute: number, second: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, minute, second).getTime();
}

export function readSaleRow(
  record: readonly string[],
  mapping: Mapping,
  row: number,
  today: IsoDate,
): SaleRowRead {
  const errors = new RowErrors(row);
  const cells = mappedCells(record, mapping, errors);
  if (!cells) return { ok: false, errors: errors.list, externalId: null };
  const s: SaleRow = {
    row,
    externalId: '',
    phone: null,
    at: 0,
    paymentMethod: null,
    sku: null,
    name: '',
    qty: 1,
    unitPriceFen: 0,
    amountFen: 0,
  };
  let unitPrice: Fen | null = null;
  let amount: Fen | null = null;
  let externalId: string | null = null;
  for (const [field, raw] of cells) {
    const text = raw.trim();
    const err = (reason: ImportErrorReason) => errors.add(field, raw, reason);
    switch (field as SaleField) {
      case 'externalId':
        if (text === '') err('required');
        else if (text.length > 64) err('tooLong');
        else externalId = s.externalId = text;
        break;
      case 'saleAt': {
        if (text === '') {
          err('required');
          break;
        }
        const at = parseDateTime(text);
        if (!at.ok) err(at.reason);
        else if (at.date > today) err('dateInFuture');
        else s.at = localInstant(at.date, at.hour, at.minute, at.second);
        break;
      }
      case 'memberPhone': {
        if (text === '') break;
        const p = normalizePhone(text);
        if (!p.ok) err('phoneFormat');
        else s.phone = p.phone;
        break;
      }
      case 'lineSku':
        if (text === '') break;
        if (!/^[\w.-]{1,40}$/.test(text)) err('skuFormat');
        else s.sku = text;
        break;
      case 'lineName':
        if (text.length > 80) err('tooLong');
        else s.name = text;
        break;
      case 'qty': {
        if (text === '') break;
        const n = readWhole(text, MAX_QTY);
        if (!n.ok) err(n.reason);
        else if (n.n === 0) err('zeroQty');
        else s.qty = n.n;
        break;
      }
      case 'unitPrice':
      case 'lineAmount': {
        if (text === '') break;
        const y = readYuan(text);
        if (!y.ok) err(y.reason);
        else if (field === 'unitPrice') unitPrice = y.fen;
        else amount = y.fen;
        break;
      }
      case 'paymentMethod': {
        if (text === '') break;
        const method = parsePaymentMethod(text);
        if (method === null) err('paymentUnknown');
        else s.paymentMethod = method;
        break;
      }
    }
  }
  if (!cells.has('externalId')) errors.add('externalId', '', 'required');
  if (!cells.has('saleAt')) errors.add('saleAt', '', 'required');
  if (errors.ok) {
    if (amount === null && unitPrice === null) errors.add('lineAmount', '', 'amountNeeded');
    else {
      s.amountFen = amount ?? (unitPrice as Fen) * s.qty;
      s.unitPriceFen = unitPrice ?? Math.round(s.amountFen / s.qty);
      if (s.amountFen > MAX_FEN)
        errors.add(amount === null ? 'unitPrice' : 'lineAmount', String(amount ?? unitPrice), 'tooLarge');
    }
  }
  return errors.ok ? { ok: true, value: s } : { ok: false, errors: errors.list, externalId };
}

export interface SalesOnFile {
  /** Members by phone. */
  members: ReadonlyMap<string, Id>;
  /** Products by SKU. */
  catalogue: ReadonlyMap<string, CatalogueEntry>;
  /** Sales imported before, by id. */
  imported: ReadonlyMap<Id, Sale>;
}

export interface PlannedSale {
  action: 'new' | 'unchanged';
  /** The first row of the file with its order number. */
  row: number;
  sale: Sale;
  externalId: string;
  /** Her mobile number, for the preview; null for a walk-in. */
  phone: string | null;
}

export interface SalePlan {
  rows: PlannedSale[];
  errors: ImportError[];
  /** Counted in sales (orders), not rows. */
  counts: PlanCounts;
}

/**
 * The rows grouped into sales by order number, in the order they first appear. A sale's rows must
 * agree on time, member and payment; a sale whose member is not on file, or that was imported before
 * with other lines or amounts, is left out with the reason — as is every sale with a bad row.
 */
export function planSaleImport(read: readonly SaleRowRead[], onFile: SalesOnFile, now: number): SalePlan {
  const errors: ImportError[] = [];
  const orders = new Map<string, { rows: SaleRow[]; bad: boolean }>();
  const order = (externalId: string) => {
    const o = orders.get(externalId) ?? { rows: [], bad: false };
    orders.set(externalId, o);
    return o;
  };
  let unnamedBad = 0;
  for (const r of read) {
    if (!r.ok) {
      errors.push(...r.errors);
      if (r.externalId === null) unnamedBad += 1;
      else order(r.externalId).bad = true;
      continue;
    }
    const row = r.value;
    const o = order(row.externalId);
    const first = o.rows[0];
    // One sale's rows share its time, member and payment.
    if (
      first &&
      (first.at !== row.at || first.phone !== row.phone || first.paymentMethod !== row.paymentMethod)
    ) {
      errors.push({
        row: row.row,
        field: 'externalId',
        value: row.externalId,
        reason: 'orderDiffers',
        detail: String(first.row),
      });
      o.bad = true;
    }
    o.rows.push(row);
  }
  const rows: PlannedSale[] = [];
  let invalid = unnamedBad;
  for (const [externalId, o] of orders) {
    if (o.bad) {
      invalid += 1;
      continue;
    }
    const first = o.rows[0]!;
    const memberId = first.phone === null ? null : (onFile.members.get(first.phone) ?? undefined);
    if (memberId === undefined) {
      errors.push({
        row: first.row,
        field: 'memberPhone',
        value: first.phone ?? '',
        reason: 'memberUnknown',
      });
      invalid += 1;
      continue;
    }
    const imported: ImportedSale = {
      externalId,
      row: first.row,
      phone: first.phone,
      at: first.at,
      paymentMethod: first.paymentMethod ?? 'cash',
      lines: o.rows.map(({ row, sku, name, qty, unitPriceFen, amountFen }) => ({
        row,
        sku,
        name,
        qty,
        unitPriceFen,
        amountFen,
      })),
    };
    const sale = importedSaleRow(imported, memberId, onFile.catalogue, now);
    const before = onFile.imported.get(importedSaleId(externalId));
    if (before && !sameImportedSale(before, sale)) {
      errors.push({ row: first.row, field: 'externalId', value: externalId, reason: 'saleDiffers' });
      invalid += 1;
      continue;
    }
    rows.push({ action: before ? 'unchanged' : 'new', row: first.row, sale, externalId, phone: first.phone });
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors, counts: countPlan(rows, invalid, orders.size + unnamedBad) };
}
