import type { Id } from './ids';
import type { Fen } from './money';
import type { Product } from './product';

/** A product as another system's file describes it: only the fields the file maps are present. */
export interface ImportedProduct {
  /** 1-based data row of the file. */
  row: number;
  sku: string;
  name?: string;
  brand?: string;
  category?: string;
  priceFen?: Fen;
  formulaStage?: number | null;
  daysPerUnit?: number | null;
  active?: boolean;
}

/** The product fields an import can set (the SKU is the key). */
export const IMPORTED_PRODUCT_FIELDS = [
  'name',
  'brand',
  'category',
  'priceFen',
  'formulaStage',
  'daysPerUnit',
  'active',
] as const;

/** One row of an import to write: a new product (existingId null) or an update of one on file. */
export interface ProductImportWrite {
  product: ImportedProduct;
  existingId: Id | null;
}

/** The product as it will be stored: the one on file (or a blank new one) with the file's fields over it. */
export function importedProductRow(
  p: ImportedProduct,
  existing: Product | undefined,
  id: Id,
  now: number,
): Product {
  const base: Product = existing ?? {
    id,
    sku: p.sku,
    name: '',
    brand: '',
    category: '',
    priceFen: 0,
    formulaStage: null,
    daysPerUnit: null,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
  const next: Product = { ...base, updatedAt: now };
  for (const f of IMPORTED_PRODUCT_FIELDS)
    if (p[f] !== undefined) (next as unknown as Record<string, unknown>)[f] = p[f];
  return next;
}
