/** Messages between the page and the backup worker (one worker per backup or restore session). */
import type { Actor } from '../db/context';
import type { Issue } from './csv/issues';
import type { MergeSummary } from './backup/merge-rules';

export type { MergeSummary };

export type BackupPhase = 'reading' | 'packing' | 'checking' | 'comparing' | 'writing' | 'verifying';

export type BackupRequest =
  | { type: 'backup'; dbName: string; now: number; passphrase: string | null; actor: Actor }
  | { type: 'inspect'; file: Blob; fileName: string; passphrase: string | null }
  | { type: 'restore'; freshName: string; actor: Actor; resetAccess: boolean }
  /** After 'inspect': compare the backup with the shop in `dbName` (reads only). */
  | { type: 'planMerge'; dbName: string; now: number }
  /** After 'planMerge': write the plan into `dbName`, in one transaction. */
  | { type: 'applyMerge'; dbName: string; actor: Actor };

export interface BackupSummary {
  storeName: string;
  createdAt: number;
  appVersion: string;
  schemaVersion: number;
  encrypted: boolean;
  counts: Record<string, number>;
}

export type BackupEvent =
  | { type: 'progress'; phase: BackupPhase; done: number; total: number }
  | { type: 'backupDone'; blob: Blob; fileName: string; rows: number; encrypted: boolean }
  | { type: 'inspected'; summary: BackupSummary }
  | { type: 'issues'; issues: Issue[]; total: number }
  | { type: 'restored'; counts: Record<string, number> }
  | { type: 'mergePlanned'; summary: MergeSummary }
  | { type: 'merged'; rows: number; members: number }
  | { type: 'failed'; message: string };
