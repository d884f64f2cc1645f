/// <reference lib="webworker" />
/**
 * The import worker: decodes (UTF-8 or GB18030), parses, checks and plans an import off the page's
 * thread — a 50 MB file must not freeze the tab — and writes it in one transaction.
 */
import { commitMemberImport, commitProductImport, commitSaleImport } from '../db/commands/import';
import { appContext } from '../db/context';
import { membersByPhone, productsBySku, salesOnFile } from '../db/queries/import';
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
import { planProductImport, readProductRow, type ProductPlan } from './csv/import-products';
import { planSaleImport, readSaleRow, type SalePlan } from './csv/import-sales';
import { IssueError, IssueList } from './csv/issues';
import { readRecords } from './csv/read-records';
import type { ImportEvent, ImportRequest, PlanPreview } from './import-protocol';

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
let plan:
  | { kind: 'members'; plan: ImportPlan }
  | { kind: 'products'; plan: ProductPlan }
  | { kind: 'sales'; plan: SalePlan }
  | null = null;

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
      plan = null;
      const db = new ShopDB(req.dbName);
      const { mapping, today } = req;
      try {
        if (req.kind === 'members') {
          const existing = await membersByPhone(db);
          const read = readRows((cells, row) => readMemberRow(cells, mapping, row, today));
          if (read) plan = { kind: 'members', plan: planMemberImport(read, existing) };
        } else if (req.kind === 'products') {
          const existing = await productsBySku(db);
          const read = readRows((cells, row) => readProductRow(cells, mapping, row));
          if (read) plan = { kind: 'products', plan: planProductImport(read, existing) };
        } else {
          const onFile = await salesOnFile(db);
          const read = readRows((cells, row) => readSaleRow(cells, mapping, row, today));
          if (read) plan = { kind: 'sales', plan: planSaleImport(read, onFile, req.now) };
        }
      } finally {
        db.close();
      }
      if (!plan) return;
      post({
        type: 'plan',
        summary: {
          counts: plan.plan.counts,
          preview: previewOf(plan),
          errors: plan.plan.errors.slice(0, MAX_ERRORS),
          errorTotal: plan.plan.errors.length,
        },
      });
      return;
    }
    case 'commit': {
      if (!plan) throw new Error('no plan');
      const db = new ShopDB(req.dbName);
      try {
        const ctx = { ...appContext(req.actor.actorId, req.actor.role), clock: { now: () => req.now } };
        const report = progress('writing');
        const changed = <T extends { action: string }>(rows: T[]) =>
          rows.filter((r) => r.action !== 'unchanged');
        const done =
          plan.kind === 'members'
            ? await commitMemberImport(db, changed(plan.plan.rows), ctx, report)
            : plan.kind === 'products'
              ? await commitProductImport(db, changed(plan.plan.rows), ctx, report)
              : await commitSaleImport(
                  db,
                  changed(plan.plan.rows).map((r) => r.sale),
                  ctx,
                  report,
                );
        plan = null;
        post({ type: 'committed', ...done });
      } finally {
        db.close();
      }
      return;
    }
  }
}

/**
 * Every data row of the chosen file read by `read` (blank rows skipped); null when the file itself
 * is broken (its issues are posted).
 */
function readRows<T>(read: (cells: string[], row: number) => T): T[] | null {
  const issues = new IssueList();
  const report = progress('checking');
  const out: T[] = [];
  let header = true;
  for (const chunk of records(issues)) {
    chunk.records.forEach((cells, i) => {
      if (header) header = false;
      else if (!isBlank(cells)) out.push(read(cells, chunk.first + i));
    });
    report(chunk.bytesDone, source?.bytes.length ?? 0);
  }
  if (issues.ok) return out;
  post({ type: 'issues', issues: issues.items, total: issues.total });
  return null;
}

function previewOf(p: NonNullable<typeof plan>): PlanPreview {
  switch (p.kind) {
    case 'members':
      return {
        kind: 'members',
        rows: p.plan.rows.slice(0, PREVIEW_ROWS).map((r) => ({ ...r.member, action: r.action })),
      };
    case 'products':
      return {
        kind: 'products',
        rows: p.plan.rows.slice(0, PREVIEW_ROWS).map((r) => ({ ...r.product, action: r.action })),
      };
    case 'sales':
      return {
        kind: 'sales',
        rows: p.plan.rows.slice(0, PREVIEW_ROWS).map((r) => ({
          row: r.row,
          externalId: r.externalId,
          phone: r.phone,
          at: r.sale.at,
          items: r.sale.lines.reduce((n, l) => n + l.qty, 0),
          totalFen: r.sale.totalFen,
          paymentMethod: r.sale.paymentMethod,
          action: r.action,
        })),
      };
  }
}

self.onmessage = (e: MessageEvent<ImportRequest>) => {
  handle(e.data).catch((err: unknown) => {
    if (err instanceof IssueError) post({ type: 'issues', issues: [err.issue], total: 1 });
    else if (err instanceof DomainError)
      post({ type: 'failed', message: err.detail.code, code: err.detail.code });
    else if (err instanceof Error && (err.name === 'BulkError' || err.name === 'ConstraintError'))
      // A row the plan meant to add appeared since the dry run.
      post({ type: 'failed', message: err.name, code: 'conflict' });
    else
      post({ type: 'failed', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  });
};
