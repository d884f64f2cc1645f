/**
 * Scenarios `backup-export` and `restore` (issue #5), through the app's real backup worker:
 * back up the loaded shop, then check and restore that file into a fresh database (as the app does,
 * without switching to it), while a long-task observer watches this page's main thread.
 * Baseline: papaparse over the same CSV files + bulkAdd into a fresh database with the same schema
 * (SCHEMA_V1, strict durability), 2,000 rows per transaction — no validation, no decoding, no verifying.
 * Above BASELINE_SAMPLE_ABOVE rows (L) the baseline writes one chunk in four of every table and its
 * write time is scaled up to all rows, which keeps L's run under ten minutes.
 */
import Dexie from 'dexie';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { DB_NAME, SCHEMA_V1 } from '../src/lib/db/shop-db';
import type { BackupEvent, BackupRequest } from '../src/lib/io/backup-protocol';
import type { Actor } from '../src/lib/db/context';

/** The bench acts as the shop's owner, who alone may back up and restore. */
const OWNER: Actor = { actorId: null, role: 'owner' };

export interface BackupRestoreSample {
  rows: number;
  backupMs: number;
  zipBytes: number;
  csvBytes: number;
  inspectMs: number;
  writeMs: number;
  verifyMs: number;
  restoreMs: number;
  baselineParseMs: number;
  /** For every row, scaled up from the rows it wrote (baselineWrittenRows) when it sampled. */
  baselineWriteMs: number;
  baselineWrittenRows: number;
  baselineMs: number;
  /** The longest main-thread task seen during backup and restore (long tasks are ≥ 50 ms; 0 = none). */
  mainThreadMaxTaskMs: number;
  longTasks: number;
  /** Merging the same backup back into the shop: checking it, then comparing every row (nothing to write). */
  mergeInspectMs: number;
  mergeCompareMs: number;
}

function ask(
  worker: Worker,
  req: BackupRequest,
  onProgress?: (e: BackupEvent) => void,
): Promise<BackupEvent> {
  return new Promise((resolve) => {
    worker.onmessage = (e: MessageEvent<BackupEvent>) => {
      if (e.data.type === 'progress') onProgress?.(e.data);
      else resolve(e.data);
    };
    worker.postMessage(req);
  });
}

function expect<T extends BackupEvent['type']>(e: BackupEvent, type: T): Extract<BackupEvent, { type: T }> {
  if (e.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(e).slice(0, 300)}`);
  return e as Extract<BackupEvent, { type: T }>;
}

const BASELINE_SAMPLE_ABOVE = 200_000;

async function baseline(
  zip: Uint8Array,
  rowsInFile: number,
): Promise<{ parseMs: number; writeMs: number; csvBytes: number; writtenRows: number }> {
  const every = rowsInFile > BASELINE_SAMPLE_ABOVE ? 4 : 1;
  const name = `${DB_NAME}-bench-restore-raw`;
  await Dexie.delete(name);
  const raw = new Dexie(name, { chromeTransactionDurability: 'strict' });
  raw.version(1).stores(SCHEMA_V1);
  await raw.open();
  const files = unzipSync(zip);
  let parseMs = 0;
  let writeMs = 0;
  let csvBytes = 0;
  let parsedRows = 0;
  let writtenRows = 0;
  const decoder = new TextDecoder();
  for (const table of Object.keys(SCHEMA_V1)) {
    const bytes = files[`${table}.csv`];
    if (!bytes) continue;
    csvBytes += bytes.length;
    const p0 = performance.now();
    const rows = Papa.parse<Record<string, string>>(decoder.decode(bytes), {
      header: true,
      skipEmptyLines: true,
    }).data;
    parseMs += performance.now() - p0;
    parsedRows += rows.length;
    const w0 = performance.now();
    for (let i = 0; i < rows.length; i += 2_000) {
      if ((i / 2_000) % every !== 0) continue;
      const chunk = rows.slice(i, i + 2_000);
      writtenRows += chunk.length;
      await raw.transaction('rw', table, async () => {
        await raw.table(table).bulkAdd(chunk);
      });
    }
    writeMs += performance.now() - w0;
  }
  raw.close();
  await Dexie.delete(name);
  return { parseMs, writeMs: writtenRows > 0 ? (writeMs * parsedRows) / writtenRows : 0, csvBytes, writtenRows };
}

export async function backupRestoreBench(dbName: string = DB_NAME): Promise<BackupRestoreSample> {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const worker = new Worker(new URL('../src/lib/io/backup.worker.ts', import.meta.url), { type: 'module' });
  const fresh = `${DB_NAME}-r${Date.now()}-bench`;
  try {
    const b0 = performance.now();
    const done = expect(
      await ask(worker, { type: 'backup', dbName, now: Date.now(), passphrase: null, actor: OWNER }),
      'backupDone',
    );
    const backupMs = performance.now() - b0;
    const zip = new Uint8Array(await done.blob.arrayBuffer());

    const i0 = performance.now();
    expect(
      await ask(worker, { type: 'inspect', file: done.blob, fileName: done.fileName, passphrase: null }),
      'inspected',
    );
    const inspectMs = performance.now() - i0;

    const r0 = performance.now();
    let verifyAt: number | null = null;
    expect(
      await ask(worker, { type: 'restore', freshName: fresh, actor: OWNER, resetAccess: false }, (e) => {
        if (e.type === 'progress' && e.phase === 'verifying' && verifyAt === null)
          verifyAt = performance.now();
      }),
      'restored',
    );
    const r1 = performance.now();
    observer.disconnect();
    const writeMs = (verifyAt ?? r1) - r0;

    // The other device's backup, when the two devices hold the same rows: the merge's comparison alone.
    const m0 = performance.now();
    expect(await ask(worker, { type: 'inspect', file: done.blob, fileName: done.fileName, passphrase: null }), 'inspected');
    const m1 = performance.now();
    const planned = expect(await ask(worker, { type: 'planMerge', dbName, now: Date.now() }), 'mergePlanned');
    const m2 = performance.now();
    const writes = Object.values(planned.summary.counts).reduce((n, c) => n + c.add + c.update, 0);
    if (writes !== 0) throw new Error(`merging a shop's own backup would write ${writes} rows`);

    const base = await baseline(zip, done.rows);
    return {
      rows: done.rows,
      backupMs,
      zipBytes: zip.length,
      csvBytes: base.csvBytes,
      inspectMs,
      writeMs,
      verifyMs: r1 - (verifyAt ?? r1),
      restoreMs: inspectMs + (r1 - r0),
      baselineParseMs: base.parseMs,
      baselineWriteMs: base.writeMs,
      baselineWrittenRows: base.writtenRows,
      baselineMs: base.parseMs + base.writeMs,
      mainThreadMaxTaskMs: tasks.length > 0 ? Math.max(...tasks) : 0,
      longTasks: tasks.length,
      mergeInspectMs: m1 - m0,
      mergeCompareMs: m2 - m1,
    };
  } finally {
    observer.disconnect();
    worker.terminate();
    await Dexie.delete(fresh);
  }
}
