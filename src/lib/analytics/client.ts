/**
 * The UI's side of the analytics worker: one typed `send`. It never imports the compute code — that
 * lives in the worker's own bundle, so the app's first load stays small.
 */
import type { AnalyticsKind, RequestMessage, RequestOf, ResponseMessage, ResponseOf } from './protocol';

export interface AnalyticsClient {
  send<K extends AnalyticsKind>(kind: K, req: RequestOf<K>): Promise<ResponseOf<K>>;
  /** Stop the worker; pending requests fail. The next send starts a new one. */
  terminate(): void;
}

type Pending = { resolve: (value: unknown) => void; reject: (reason: Error) => void };

/** A client of one worker reading the database `dbName` (the app's active database: `db.name`). */
export function createAnalyticsClient(dbName: string, makeWorker: () => Worker = defaultWorker): AnalyticsClient {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function fail(reason: Error) {
    for (const p of pending.values()) p.reject(reason);
    pending.clear();
  }

  function start(): Worker {
    const w = makeWorker();
    w.onmessage = (event: MessageEvent<ResponseMessage>) => {
      const msg = event.data;
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.res);
      else p.reject(new Error(msg.error));
    };
    w.onerror = (event) => {
      event.preventDefault();
      fail(new Error(event.message || 'analytics worker failed'));
      w.terminate();
      if (worker === w) worker = null;
    };
    return w;
  }

  return {
    send<K extends AnalyticsKind>(kind: K, req: RequestOf<K>): Promise<ResponseOf<K>> {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise<ResponseOf<K>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        w.postMessage({ id, db: dbName, kind, req } satisfies RequestMessage<K>);
      });
    },
    terminate() {
      worker?.terminate();
      worker = null;
      fail(new Error('analytics worker stopped'));
    },
  };
}

function defaultWorker(): Worker {
  return new Worker(new URL('./analytics.worker.ts', import.meta.url), { type: 'module', name: 'analytics' });
}

let shared: { dbName: string; client: AnalyticsClient } | null = null;

/** The app's one analytics worker, started on first use and kept for the session. */
export function analytics(dbName: string): AnalyticsClient {
  if (shared?.dbName !== dbName) {
    shared?.client.terminate();
    shared = { dbName, client: createAnalyticsClient(dbName) };
  }
  return shared.client;
}
