/// <reference lib="webworker" />
/**
 * The import worker: decodes (UTF-8 or GB18030), parses, checks and plans an import off the page's
 * thread — a 50 MB file must not freeze the tab — and writes it in one transaction.
 */
import { commitMemberImport } from '../db/commands/import';
import { appContext } from '../db/context';
import { membersByPhone } from '../db/queries/import';
import { ShopDB } from '../db/shop-db';
import { DomainError } from '../domain/errors';
import {
  detectDelimiter,
  detectEncoding,
  firstLineOf,
  type Delimiter,
  type TextEncodingLabel,
} from './csv/detect';
import { planMemberImport, readMemberRow, type ImportPlan } from './csv/import-members';
import { IssueError, IssueList } from './csv/issues';
import { readRecords } from './csv/read-records';
import type { ImportEvent, ImportRequest } from './import-protocol';

declare const self: DedicatedWorkerGlobalScope;

const SAMPLE_ROWS = 5;
const PREVIEW_ROWS = 8;
const MAX_ERRORS = 10_000;

let source: {
  bytes: Uint8Array;
  fileName: string;
  encoding: TextEncodingLabel;
  delimiter: Delimiter;
} | null = null;
let plan: ImportPlan | null = null;

function post(e: ImportEvent): void {
  self.postMessage(e);
}

function progress(phase: 'reading' | 'checking' | 'writing') {
  let last = 0;
  return (done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - last < 50) return;
    last = now;
    post({ type: 'progress', phase, done, total });
  };
}

/** Every record of the chosen file, chunk by chunk (bytes done for progress). */
function* records(issues: IssueList) {
  if (!source) throw new Error('no file');
  yield* readRecords(
    source.bytes,
    { file: source.fileName, encoding: source.encoding, delimiter: source.delimiter },
    issues,
  );
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

async function handle(req: ImportRequest): Promise<void> {
  switch (req.type) {
    case 'preview': {
      plan = null;
      let bytes: Uint8Array = new Uint8Array(await req.file.arrayBuffer());
      if (bytes.length === 0)
        throw new IssueError({ code: 'emptyFile', file: req.fileName, row: null, field: null });
      let encoding = req.encoding ?? detectEncoding(bytes);
      if (encoding === 'utf-16le' || encoding === 'utf-16be') {
        // Excel's "Unicode text": re-encode as UTF-8, which the byte-level reader expects.
        bytes = new TextEncoder().encode(new TextDecoder(encoding).decode(bytes));
        encoding = 'utf-8';
      }
      let head: string;
      try {
        head = new TextDecoder(encoding).decode(bytes.subarray(0, 64 * 1024), { stream: true });
      } catch {
        throw new IssueError({ code: 'undecodable', file: req.fileName, row: null, field: null });
      }
      const delimiter = req.delimiter ?? detectDelimiter(firstLineOf(head.replace(/^\uFEFF/, '')));
      source = { bytes, fileName: req.fileName, encoding, delimiter };
      const issues = new IssueList();
      const report = progress('reading');
      let headers: string[] | null = null;
      const sample: string[][] = [];
      let rows = 0;
      for (const chunk of records(issues)) {
        for (const cells of chunk.records) {
          if (!headers) headers = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
          else if (!isBlank(cells)) {
            rows += 1;
            if (sample.length < SAMPLE_ROWS) sample.push(cells);
          }
        }
        report(chunk.bytesDone, bytes.length);
      }
      if (!issues.ok) {
        post({ type: 'issues', issues: issues.items, total: issues.total });
        return;
      }
      if (!headers || headers.every((h) => h === ''))
        throw new IssueError({ code: 'headerMissing', file: req.fileName, row: null, field: null });
      post({ type: 'preview', preview: { encoding, delimiter, headers, sample, rows } });
      return;
    }
    case 'plan': {
      const db = new ShopDB(req.dbName);
      let existing;
      try {
        existing = await membersByPhone(db);
      } finally {
        db.close();
      }
      const issues = new IssueList();
      const report = progress('checking');
      const read: ReturnType<typeof readMemberRow>[] = [];
      let header = true;
      for (const chunk of records(issues)) {
        chunk.records.forEach((cells, i) => {
          if (header) {
            header = false;
            return;
          }
          if (!isBlank(cells)) read.push(readMemberRow(cells, req.mapping, chunk.first + i, req.today));
        });
        report(chunk.bytesDone, source?.bytes.length ?? 0);
      }
      if (!issues.ok) {
        post({ type: 'issues', issues: issues.items, total: issues.total });
        return;
      }
      plan = planMemberImport(read, existing);
      post({
        type: 'plan',
        summary: {
          counts: plan.counts,
          preview: plan.rows.slice(0, PREVIEW_ROWS).map((r) => ({ ...r.member, action: r.action })),
          errors: plan.errors.slice(0, MAX_ERRORS),
          errorTotal: plan.errors.length,
        },
      });
      return;
    }
    case 'commit': {
      if (!plan) throw new Error('no plan');
      const db = new ShopDB(req.dbName);
      try {
        const writes = plan.rows.filter((r) => r.action !== 'unchanged');
        const ctx = { ...appContext(req.actor.actorId, req.actor.role), clock: { now: () => req.now } };
        const done = await commitMemberImport(db, writes, ctx, progress('writing'));
        plan = null;
        post({ type: 'committed', ...done });
      } finally {
        db.close();
      }
      return;
    }
  }
}

self.onmessage = (e: MessageEvent<ImportRequest>) => {
  handle(e.data).catch((err: unknown) => {
    if (err instanceof IssueError) post({ type: 'issues', issues: [err.issue], total: 1 });
    else if (err instanceof DomainError)
      post({ type: 'failed', message: err.detail.code, code: err.detail.code });
    else
      post({ type: 'failed', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  });
};
