/// <reference lib="webworker" />
/**
 * The backup worker: makes backups and restores them off the page's thread (parsing, checking and
 * writing 600,000 rows would freeze the page for minutes). One worker per session; the page cancels by
 * terminating it.
 */
import { appContext } from '../db/context';
import { recordExport } from '../db/commands/backup';
import { finishRestore } from '../db/commands/restore';
import { ShopDB } from '../db/shop-db';
import type { BackupEvent, BackupPhase, BackupRequest } from './backup-protocol';
import { buildBackup } from './backup/export';
import {
  inspectBackup,
  restoreIntoFreshDb,
  RestoreVerifyError,
  type InspectedBackup,
} from './backup/restore';
import { APP_VERSION } from './backup/version';
import { fileOf } from './csv/backup-columns';
import { planMerge, type MergePlan } from './backup/merge';
import { applyMerge } from '../db/commands/merge';
import { IssueError } from './csv/issues';

declare const self: DedicatedWorkerGlobalScope;

let inspected: InspectedBackup | null = null;
let mergePlan: MergePlan | null = null;

function post(event: BackupEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

/** Progress, at most every 50 ms (and always the last step). */
function progress(phase: BackupPhase) {
  let last = 0;
  return (done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - last < 50) return;
    last = now;
    post({ type: 'progress', phase, done, total });
  };
}

async function handle(req: BackupRequest): Promise<void> {
  switch (req.type) {
    case 'backup': {
      const db = new ShopDB(req.dbName);
      try {
        await recordExport(db, 'backup', req.passphrase ? 'encrypted' : 'plain', { ...appContext(req.actor.actorId, req.actor.role), clock: { now: () => req.now } });
        const result = await buildBackup(db, {
          now: req.now,
          appVersion: APP_VERSION,
          passphrase: req.passphrase,
          onProgress: progress('reading'),
          onPacking: (rows) => post({ type: 'progress', phase: 'packing', done: rows, total: rows }),
        });
        const rows = result.manifest.tables.reduce((s, t) => s + t.rows, 0);
        const type = result.encrypted ? 'application/octet-stream' : 'application/zip';
        post({
          type: 'backupDone',
          blob: new Blob([result.bytes], { type }),
          fileName: result.fileName,
          rows,
          encrypted: result.encrypted,
        });
      } finally {
        db.close();
      }
      return;
    }
    case 'inspect': {
      inspected = null;
      const bytes = new Uint8Array(await req.file.arrayBuffer());
      const r = await inspectBackup(bytes, {
        fileName: req.fileName,
        passphrase: req.passphrase,
        onProgress: progress('checking'),
      });
      if (!r.ok) {
        post({ type: 'issues', issues: r.issues.items, total: r.issues.total });
        return;
      }
      inspected = r.backup;
      const m = r.backup.manifest;
      post({
        type: 'inspected',
        summary: {
          storeName: m.storeName,
          createdAt: m.createdAt,
          appVersion: m.appVersion,
          schemaVersion: m.schemaVersion,
          encrypted: r.backup.encrypted,
          counts: r.backup.counts,
        },
      });
      return;
    }
    case 'restore': {
      if (!inspected) throw new Error('nothing inspected');
      const write = progress('writing');
      const verify = progress('verifying');
      const ctx = appContext(req.actor.actorId, req.actor.role);
      const access = { ctx, resetAccess: req.resetAccess };
      const counts = await restoreIntoFreshDb(inspected, req.freshName, access, {
        onProgress: (phase, done, total) => (phase === 'writing' ? write : verify)(done, total),
      });
      // Once verified as an exact copy of the file: its audit log records the restore (or the PIN reset).
      const restored = new ShopDB(req.freshName);
      try {
        await finishRestore(restored, access, Object.values(counts).reduce((a, b) => a + b, 0));
      } finally {
        restored.close();
      }
      inspected = null;
      post({ type: 'restored', counts });
      return;
    }
    case 'planMerge': {
      if (!inspected) throw new Error('nothing inspected');
      const db = new ShopDB(req.dbName);
      try {
        mergePlan = await planMerge(inspected, db, { now: req.now, onProgress: progress('comparing') });
      } finally {
        db.close();
      }
      post({ type: 'mergePlanned', summary: mergePlan.summary });
      return;
    }
    case 'applyMerge': {
      if (!mergePlan) throw new Error('nothing planned');
      const db = new ShopDB(req.dbName);
      try {
        const done = await applyMerge(db, mergePlan, appContext(req.actor.actorId, req.actor.role), progress('writing'));
        mergePlan = null;
        inspected = null;
        post({ type: 'merged', ...done });
      } finally {
        db.close();
      }
      return;
    }
  }
}

self.onmessage = (e: MessageEvent<BackupRequest>) => {
  handle(e.data).catch((err: unknown) => {
    if (err instanceof IssueError) post({ type: 'issues', issues: [err.issue], total: 1 });
    else if (err instanceof RestoreVerifyError)
      post({
        type: 'issues',
        issues: [{ code: 'verifyFailed', file: fileOf(err.table), row: null, field: null, detail: err.what }],
        total: 1,
      });
    else if (
      err instanceof Error &&
      (err.name === 'QuotaExceededError' || (err as { inner?: Error }).inner?.name === 'QuotaExceededError')
    )
      post({ type: 'issues', issues: [{ code: 'diskFull', file: null, row: null, field: null }], total: 1 });
    else if (err instanceof Error && (err.name === 'BulkError' || err.name === 'ConstraintError'))
      // A row the merge meant to add appeared meanwhile (another tab): nothing was written.
      post({ type: 'issues', issues: [{ code: 'mergeStale', file: null, row: null, field: null }], total: 1 });
    else
      post({ type: 'failed', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  });
};
