/** Messages between the import page and the import worker. */
import type { Delimiter, TextEncodingLabel } from './csv/detect';
import type { ImportKind, Mapping } from './csv/import-mapping';
import type { ImportedMember } from './csv/import-members';
import type { ImportedProduct } from './csv/import-products';
import type { ImportError, PlanAction, PlanCounts } from './csv/import-rows';
import type { PaymentMethod } from '../domain/sale';
import type { Actor } from '../db/context';
import type { Issue } from './csv/issues';

export type ImportRequest =
  | {
      type: 'preview';
      file: Blob;
      fileName: string;
      encoding: TextEncodingLabel | null;
      delimiter: Delimiter | null;
    }
  | { type: 'plan'; dbName: string; kind: ImportKind; mapping: Mapping; today: string; now: number }
  | { type: 'commit'; dbName: string; now: number; actor: Actor };

export interface ImportPreview {
  encoding: TextEncodingLabel;
  delimiter: Delimiter;
  headers: string[];
  /** The first few data records, as read. */
  sample: string[][];
  /** Data records in the file (header excluded). */
  rows: number;
}

/** A sale as the dry run shows it. */
export interface SalePreview {
  row: number;
  externalId: string;
  /** Her mobile number; null for a walk-in. */
  phone: string | null;
  at: number;
  items: number;
  totalFen: number;
  paymentMethod: PaymentMethod;
}

type Planned<T> = T & { action: PlanAction };

/** The first rows as they will be stored. */
export type PlanPreview =
  | { kind: 'members'; rows: Planned<ImportedMember>[] }
  | { kind: 'products'; rows: Planned<ImportedProduct>[] }
  | { kind: 'sales'; rows: Planned<SalePreview>[] };

export interface PlanSummary {
  counts: PlanCounts;
  preview: PlanPreview;
  /** Every problem (capped), sorted by row. */
  errors: ImportError[];
  errorTotal: number;
}

export type ImportEvent =
  | { type: 'progress'; phase: 'reading' | 'checking' | 'writing'; done: number; total: number }
  | { type: 'preview'; preview: ImportPreview }
  | { type: 'plan'; summary: PlanSummary }
  | { type: 'committed'; created: number; updated: number }
  | { type: 'issues'; issues: Issue[]; total: number }
  | { type: 'failed'; message: string; code?: string };
