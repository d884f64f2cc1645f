/**
 * The page's side of backups and restores: each session is one dedicated worker (backup.worker.ts), so
 * the page never parses, checks or writes in bulk itself; cancelling terminates the worker.
 */
import { abandonRestore, beginRestore, browserStore, freshDbName, switchActiveDb } from '../db/active';
import type { BackupEvent, BackupPhase, BackupRequest, BackupSummary, MergeSummary } from './backup-protocol';
import type { Actor } from '../db/context';
import type { Issue } from './csv/issues';
import { WorkerSession } from './worker-session';

export type { BackupPhase, BackupSummary, MergeSummary };
export type OnProgress = (phase: BackupPhase, done: number, total: number) => void;

export type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'issues'; issues: Issue[]; total: number }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

function backupSession(onProgress: OnProgress): WorkerSession<BackupRequest, BackupEvent> {
  return new WorkerSession<BackupRequest, BackupEvent>(
    () => new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module' }),
    (e) => {
      if (e.type === 'progress') onProgress(e.phase, e.done, e.total);
    },
    (message) => ({ type: 'failed', message }),
  );
}

function outcome<T>(e: BackupEvent | null, pick: (e: BackupEvent) => T | undefined): Outcome<T> {
  if (e === null) return { kind: 'cancelled' };
  if (e.type === 'issues') return { kind: 'issues', issues: e.issues, total: e.total };
  if (e.type === 'failed') return { kind: 'failed', message: e.message };
  const value = pick(e);
  return value === undefined ? { kind: 'failed', message: `unexpected ${e.type}` } : { kind: 'ok', value };
}

export interface BackupFile {
  blob: Blob;
  fileName: string;
  rows: number;
  encrypted: boolean;
}

/** Make a backup of the database `dbName` in a worker. */
export function startBackup(
  dbName: string,
  passphrase: string | null,
  actor: Actor,
  onProgress: OnProgress,
): { result: Promise<Outcome<BackupFile>>; cancel: () => void } {
  const session = backupSession(onProgress);
  const result = session
    .ask({ type: 'backup', dbName, now: Date.now(), passphrase, actor })
    .then((e) =>
      outcome(e, (x) =>
        x.type === 'backupDone'
          ? { blob: x.blob, fileName: x.fileName, rows: x.rows, encrypted: x.encrypted }
          : undefined,
      ),
    )
    .finally(() => session.close());
  return { result, cancel: () => session.close() };
}

/**
 * A restore: inspect (check everything, write nothing) → the owner confirms → restore into a fresh
 * database → switch to it. Until `restore` resolves, the shop's data is untouched.
 * Or a merge: inspect → planMerge (compare, write nothing) → the owner confirms → applyMerge (one
 * transaction in the shop's database).
 */
export class RestoreSession {
  private readonly session: WorkerSession<BackupRequest, BackupEvent>;

  constructor(onProgress: OnProgress) {
    this.session = backupSession(onProgress);
  }

  async inspect(file: File, passphrase: string | null): Promise<Outcome<BackupSummary>> {
    const e = await this.session.ask({ type: 'inspect', file, fileName: file.name, passphrase });
    return outcome(e, (x) => (x.type === 'inspected' ? x.summary : undefined));
  }

  /**
   * Write and verify the inspected backup in a new database, then make it the active one. With
   * `resetAccess` (a forgotten owner PIN) the restored shop keeps none of the backup's PINs.
   */
  async restore(actor: Actor, resetAccess = false): Promise<Outcome<Record<string, number>>> {
    const store = browserStore();
    if (!store) return { kind: 'failed', message: 'localStorage unavailable' };
    const fresh = freshDbName(Date.now(), Math.random().toString(36).slice(2));
    beginRestore(store, fresh);
    const result = outcome(await this.session.ask({ type: 'restore', freshName: fresh, actor, resetAccess }), (x) =>
      x.type === 'restored' ? x.counts : undefined,
    );
    this.session.close();
    if (result.kind === 'ok') switchActiveDb(store, fresh);
    else await abandonRestore(store, fresh);
    return result;
  }

  async planMerge(dbName: string): Promise<Outcome<MergeSummary>> {
    const e = await this.session.ask({ type: 'planMerge', dbName, now: Date.now() });
    return outcome(e, (x) => (x.type === 'mergePlanned' ? x.summary : undefined));
  }

  async applyMerge(dbName: string, actor: Actor): Promise<Outcome<{ rows: number; members: number }>> {
    const e = await this.session.ask({ type: 'applyMerge', dbName, actor });
    this.session.close();
    return outcome(e, (x) => (x.type === 'merged' ? { rows: x.rows, members: x.members } : undefined));
  }

  /** Stop at once: the worker is terminated; `restore` then deletes the half-written database and resolves 'cancelled'. */
  cancel(): void {
    this.session.close();
  }

  get alive(): boolean {
    return this.session.alive;
  }
}
