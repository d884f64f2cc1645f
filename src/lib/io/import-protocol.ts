/** Messages between the import page and the import worker. */
import type { Delimiter, TextEncodingLabel } from './csv/detect';
import type { ImportedMember, ImportError, ImportPlan, Mapping } from './csv/import-members';
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
  | { type: 'plan'; dbName: string; mapping: Mapping; today: string }
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

export interface PlanSummary {
  counts: ImportPlan['counts'];
  /** The first rows as they will be stored. */
  preview: (ImportedMember & { action: 'new' | 'updated' | 'unchanged' })[];
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
