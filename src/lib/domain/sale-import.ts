import type { Id } from './ids';
import type { Fen } from './money';
import type { PaymentMethod, Sale, SaleLine } from './sale';

/** One item of a sale from another system's file (one row of the file). */
export interface ImportedSaleLine {
  row: number;
  sku: string | null;
  name: string;
  qty: number;
  unitPriceFen: Fen;
  amountFen: Fen;
}

/** A sale from another system: every row of the file with the same order number is one of its lines. */
export interface ImportedSale {
  externalId: string;
  /** The first row of the file with this order number. */
  row: number;
  /** Her mobile number; null for a walk-in. */
  phone: string | null;
  at: number;
  paymentMethod: PaymentMethod;
  lines: ImportedSaleLine[];
}

export interface CatalogueEntry {
  id: Id;
  name: string;
  brand: string;
  category: string;
}

/** A sale imported from another system has a fixed id per order number, so importing it again finds it. */
export function importedSaleId(externalId: string): Id {
  return `import-sale-${externalId}`;
}

/**
 * The sale row as it will be stored. History from another system earns no points here (its points
 * arrive as the member's opening balance) and paid nothing from stored value; a line whose SKU is in
 * the catalogue takes the product's id, brand and category (and its name when the file has none).
 */
export function importedSaleRow(
  s: ImportedSale,
  memberId: Id | null,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  now: number,
): Sale {
  const lines: SaleLine[] = s.lines.map((l) => {
    const product = l.sku === null ? undefined : catalogue.get(l.sku);
    return {
      productId: product?.id ?? null,
      sku: l.sku,
      name: l.name || product?.name || '',
      brand: product?.brand ?? '',
      category: product?.category ?? '',
      unitPriceFen: l.unitPriceFen,
      qty: l.qty,
      amountFen: l.amountFen,
      discountFen: 0,
      couponFen: 0,
      pointsCashFen: 0,
      paidFen: l.amountFen,
    };
  });
  const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  return {
    id: importedSaleId(s.externalId),
    memberId,
    at: s.at,
    lines,
    subtotalFen: totalFen,
    discountFen: 0,
    couponId: null,
    couponFen: 0,
    pointsRedeemed: 0,
    pointsCashFen: 0,
    totalFen,
    deliveryFeeFen: 0,
    storedValuePrincipalFen: 0,
    storedValueBonusFen: 0,
    otherPaidFen: totalFen,
    paymentMethod: s.paymentMethod,
    tierId: null,
    campaignId: null,
    pointsEarned: 0,
    refundOf: null,
    fullReturn: false,
    assistantId: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Whether a sale on file is the one this import describes (names may come from a renamed product). */
export function sameImportedSale(onFile: Sale, s: Sale): boolean {
  return (
    onFile.memberId === s.memberId &&
    onFile.at === s.at &&
    onFile.totalFen === s.totalFen &&
    onFile.paymentMethod === s.paymentMethod &&
    onFile.lines.length === s.lines.length &&
    onFile.lines.every((l, i) => {
      const o = s.lines[i]!;
      return l.sku === o.sku && l.qty === o.qty && l.amountFen === o.amountFen;
    })
  );
}
