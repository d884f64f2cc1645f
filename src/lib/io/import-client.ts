/** The import page's side: one import worker per file; closing it cancels. */
import type { Actor } from '../db/context';
import type { Delimiter, TextEncodingLabel } from './csv/detect';
import type { ImportKind, Mapping } from './csv/import-mapping';
import type { Issue } from './csv/issues';
import type { ImportEvent, ImportPreview, ImportRequest, PlanPreview, PlanSummary } from './import-protocol';
import { WorkerSession } from './worker-session';

export type { ImportPreview, PlanPreview, PlanSummary };
export type ImportPhase = 'reading' | 'checking' | 'writing';

export type ImportOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'issues'; issues: Issue[]; total: number }
  | { kind: 'failed'; message: string; code?: string }
  | { kind: 'cancelled' };

function outcome<T>(e: ImportEvent | null, pick: (e: ImportEvent) => T | undefined): ImportOutcome<T> {
  if (e === null) return { kind: 'cancelled' };
  if (e.type === 'issues') return { kind: 'issues', issues: e.issues, total: e.total };
  if (e.type === 'failed') return { kind: 'failed', message: e.message, code: e.code };
  const v = pick(e);
  return v === undefined ? { kind: 'failed', message: `unexpected ${e.type}` } : { kind: 'ok', value: v };
}

export class ImportSession {
  private readonly session: WorkerSession<ImportRequest, ImportEvent>;

  constructor(onProgress: (phase: ImportPhase, done: number, total: number) => void) {
    this.session = new WorkerSession<ImportRequest, ImportEvent>(
      () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }),
      (e) => {
        if (e.type === 'progress') onProgress(e.phase, e.done, e.total);
      },
      (message) => ({ type: 'failed', message }),
    );
  }

  async preview(
    file: File,
    encoding: TextEncodingLabel | null,
    delimiter: Delimiter | null,
  ): Promise<ImportOutcome<ImportPreview>> {
    const e = await this.session.ask({ type: 'preview', file, fileName: file.name, encoding, delimiter });
    return outcome(e, (x) => (x.type === 'preview' ? x.preview : undefined));
  }

  async plan(
    dbName: string,
    kind: ImportKind,
    mapping: Mapping,
    today: string,
  ): Promise<ImportOutcome<PlanSummary>> {
    const e = await this.session.ask({ type: 'plan', dbName, kind, mapping, today, now: Date.now() });
    return outcome(e, (x) => (x.type === 'plan' ? x.summary : undefined));
  }

  async commit(dbName: string, actor: Actor): Promise<ImportOutcome<{ created: number; updated: number }>> {
    const e = await this.session.ask({ type: 'commit', dbName, now: Date.now(), actor });
    return outcome(e, (x) =>
      x.type === 'committed' ? { created: x.created, updated: x.updated } : undefined,
    );
  }

  close(): void {
    this.session.close();
  }
}
