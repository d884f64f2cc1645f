/// <reference lib="webworker" />
/**
 * The analytics worker: opens the shop database itself (reads only) and answers the typed requests of
 * protocol.ts, so no computation ever runs on the page's main thread. Workers have no localStorage,
 * so each request names the database (the page knows which one is active).
 */
import { ShopDB } from '../db/shop-db';
import type { RequestMessage, ResponseMessage } from './protocol';
import { createAnalyticsService, type AnalyticsService } from './service';

declare const self: DedicatedWorkerGlobalScope;

let current: { name: string; db: ShopDB; service: AnalyticsService } | null = null;

function serviceFor(name: string): AnalyticsService {
  if (current?.name !== name) {
    current?.service.close();
    current?.db.close();
    const db = new ShopDB(name);
    current = { name, db, service: createAnalyticsService(db) };
  }
  return current.service;
}

self.onmessage = (event: MessageEvent<RequestMessage>) => {
  const { id, db, kind, req } = event.data;
  let answer: Promise<unknown>;
  try {
    answer = serviceFor(db).handle(kind, req);
  } catch (err) {
    answer = Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  answer.then(
    (res) => self.postMessage({ id, ok: true, res } satisfies ResponseMessage),
    (err: unknown) =>
      self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ResponseMessage),
  );
};
