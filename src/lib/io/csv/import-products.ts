/**
 * Products from another system's CSV: each row read into a product as it would be stored (SKUs kept
 * as text, prices in fen) and the plan of what an import would do, matched by SKU. Pure.
 */
import { MAX_FEN } from '../../domain/money';
import type { Product } from '../../domain/product';
import { IMPORTED_PRODUCT_FIELDS, type ImportedProduct } from '../../domain/product-import';
import type { Mapping, ProductField } from './import-mapping';
import {
  countPlan,
  mappedCells,
  readWhole,
  readYuan,
  RowErrors,
  parseYesNo,
  type ImportError,
  type ImportErrorReason,
  type PlanAction,
  type PlanCounts,
  type RowRead,
} from './import-rows';

export type { ImportedProduct };

/** '1', '1段', '一段', 'Stage 2' → 1…4; null when blank. */
function parseStage(text: string): number | 'bad' | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/^stage\s*/, '')
    .replace(/段$/, '');
  if (t === '') return null;
  const chinese = t.length === 1 ? '一二三四'.indexOf(t) + 1 : 0;
  const n = chinese || (/^\d+$/.test(t) ? Number(t) : NaN);
  return n >= 1 && n <= 4 ? n : 'bad';
}

export function readProductRow(
  record: readonly string[],
  mapping: Mapping,
  row: number,
): RowRead<ImportedProduct> {
  const errors = new RowErrors(row);
  const cells = mappedCells(record, mapping, errors);
  if (!cells) return { ok: false, errors: errors.list };
  const p: ImportedProduct = { row, sku: '' };
  for (const [field, raw] of cells) {
    const text = raw.trim();
    const err = (reason: ImportErrorReason) => errors.add(field, raw, reason);
    const maxLength = (n: number) => (text.length > n ? (err('tooLong'), false) : true);
    switch (field as ProductField) {
      case 'sku':
        if (text === '') err('required');
        else if (!/^[\w.-]{1,40}$/.test(text)) err('skuFormat');
        else p.sku = text;
        break;
      case 'productName':
        if (text === '') err('required');
        else if (maxLength(80)) p.name = text;
        break;
      case 'brand':
        if (maxLength(40)) p.brand = text;
        break;
      case 'category':
        if (maxLength(40)) p.category = text;
        break;
      case 'price': {
        if (text === '') break;
        const y = readYuan(text);
        if (!y.ok) err(y.reason);
        else if (y.fen > MAX_FEN) err('tooLarge');
        else p.priceFen = y.fen;
        break;
      }
      case 'formulaStage': {
        const s = parseStage(text);
        if (s === 'bad') err('stageRange');
        else p.formulaStage = s;
        break;
      }
      case 'daysPerUnit': {
        if (text === '') {
          p.daysPerUnit = null;
          break;
        }
        const n = readWhole(text, 365);
        if (!n.ok || n.n < 1) err('daysRange');
        else p.daysPerUnit = n.n;
        break;
      }
      case 'active': {
        if (text === '') break;
        const yes = parseYesNo(text);
        if (yes === null) err('yesNoUnknown');
        else p.active = yes;
        break;
      }
    }
  }
  if (!cells.has('sku')) errors.add('sku', '', 'required');
  return errors.ok ? { ok: true, value: p } : { ok: false, errors: errors.list };
}

export interface PlannedProduct {
  action: PlanAction;
  product: ImportedProduct;
  existingId: string | null;
}

export interface ProductPlan {
  rows: PlannedProduct[];
  errors: ImportError[];
  counts: PlanCounts;
}

/**
 * What importing these rows would do, matched by SKU: a new product (it needs a name and a price), an
 * update of the mapped fields, or nothing. A SKU twice in the file makes the later row invalid.
 */
export function planProductImport(
  read: readonly RowRead<ImportedProduct>[],
  existing: ReadonlyMap<string, Product>,
): ProductPlan {
  const rows: PlannedProduct[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  let invalid = 0;
  for (const r of read) {
    if (!r.ok) {
      errors.push(...r.errors);
      invalid += 1;
      continue;
    }
    const p = r.value;
    const rowErrors = new RowErrors(p.row);
    const first = seen.get(p.sku);
    if (first !== undefined) rowErrors.add('sku', p.sku, 'duplicateInFile', String(first));
    const ex = existing.get(p.sku);
    if (!ex && p.name === undefined) rowErrors.add('productName', '', 'required');
    if (!ex && p.priceFen === undefined) rowErrors.add('price', '', 'required');
    if (!rowErrors.ok) {
      errors.push(...rowErrors.list);
      invalid += 1;
      continue;
    }
    seen.set(p.sku, p.row);
    const changed = ex ? IMPORTED_PRODUCT_FIELDS.some((f) => p[f] !== undefined && p[f] !== ex[f]) : true;
    rows.push({
      action: !ex ? 'new' : changed ? 'updated' : 'unchanged',
      product: p,
      existingId: ex?.id ?? null,
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors, counts: countPlan(rows, invalid, read.length) };
}
