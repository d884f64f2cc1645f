import { worker } from './worker';
import type { AnalyticsKind, RequestOf, ResponseOf } from '../../../lib/analytics/protocol';

export interface Asked<T> {
  readonly value: T | null;
  readonly error: string | null;
  readonly busy: boolean;
}

/**
 * Ask the analytics worker and keep the answer in state. `makeRequest` is tracked: when what it reads
 * changes (the period, an option) the question is asked again; an answer that arrives after a newer
 * question is dropped. Answers are kept raw (not deeply reactive): they are replaced, never edited.
 */
export function ask<K extends AnalyticsKind>(kind: K, makeRequest: () => RequestOf<K> | null): Asked<ResponseOf<K>> {
  let value = $state.raw<ResponseOf<K> | null>(null);
  let error = $state<string | null>(null);
  let busy = $state(false);
  let asked = 0;

  $effect(() => {
    const req = makeRequest();
    if (req === null) return;
    const mine = ++asked;
    busy = true;
    worker()
      .send(kind, $state.snapshot(req) as RequestOf<K>)
      .then(
        (res) => {
          if (mine !== asked) return;
          value = res;
          error = null;
          busy = false;
        },
        (err: unknown) => {
          if (mine !== asked) return;
          error = err instanceof Error ? err.message : String(err);
          busy = false;
        },
      );
  });

  return {
    get value() {
      return value;
    },
    get error() {
      return error;
    },
    get busy() {
      return busy;
    },
  };
}
