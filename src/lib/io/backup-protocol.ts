/** Messages between the page and the backup worker (one worker per backup or restore session). */
import type { Actor } from '../db/context';
import type { Issue } from './csv/issues';

export type BackupPhase = 'reading' | 'packing' | 'checking' | 'writing' | 'verifying';

export type BackupRequest =
  | { type: 'backup'; dbName: string; now: number; passphrase: string | null; actor: Actor }
  | { type: 'inspect'; file: Blob; fileName: string; passphrase: string | null }
  | { type: 'restore'; freshName: string; actor: Actor; resetAccess: boolean };

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
  | { type: 'failed'; message: string };
