import type { Id } from './ids';
import { MAX_FEN, type Fen } from './money';

export interface Product {
  id: Id;
  sku: string;
  name: string;
  brand: string;
  category: string;
  priceFen: Fen;
  /** Formula stage (段) 1–4, or null for non-formula goods. */
  formulaStage: number | null;
  /** Nominal days one unit lasts (a can of formula ≈ 15 days), or null. */
  daysPerUnit: number | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export type ProductInput = Pick<Product, 'sku' | 'name' | 'brand' | 'category' | 'priceFen' | 'formulaStage' | 'daysPerUnit'>;
export type ProductError = 'required' | 'skuFormat' | 'priceRange' | 'stageRange' | 'daysRange' | 'tooLong';

/** SKUs and barcodes are text: leading zeros matter, no spaces. */
export function validateProduct(p: ProductInput): Partial<Record<keyof ProductInput, ProductError>> {
  const e: Partial<Record<keyof ProductInput, ProductError>> = {};
  const sku = p.sku.trim();
  if (sku === '') e.sku = 'required';
  else if (!/^[\w.-]{1,40}$/.test(sku)) e.sku = 'skuFormat';
  if (p.name.trim() === '') e.name = 'required';
  else if (p.name.length > 80) e.name = 'tooLong';
  if (p.brand.length > 40) e.brand = 'tooLong';
  if (p.category.length > 40) e.category = 'tooLong';
  if (!Number.isSafeInteger(p.priceFen) || p.priceFen < 0 || p.priceFen > MAX_FEN) e.priceFen = 'priceRange';
  if (p.formulaStage !== null && (!Number.isInteger(p.formulaStage) || p.formulaStage < 1 || p.formulaStage > 4))
    e.formulaStage = 'stageRange';
  if (p.daysPerUnit !== null && (!Number.isInteger(p.daysPerUnit) || p.daysPerUnit < 1 || p.daysPerUnit > 365))
    e.daysPerUnit = 'daysRange';
  return e;
}
