import { liveQuery } from 'dexie';

/**
 * liveQuery → runes. `deps` is read inside an effect, so the query re-subscribes when the state it
 * names changes (Dexie's querier runs asynchronously, where runes cannot track reads); between
 * results the previous value stays, so the page never flashes empty.
 */
export function live<T, D>(deps: () => D, query: (deps: D) => Promise<T>, initial: T) {
  let value = $state<T>(initial);
  let error = $state<unknown>(null);
  let loaded = $state(false);
  $effect(() => {
    const d = deps();
    const subscription = liveQuery(() => query(d)).subscribe({
      next: (v) => {
        value = v;
        error = null;
        loaded = true;
      },
      error: (e: unknown) => {
        error = e;
        loaded = true;
      },
    });
    return () => subscription.unsubscribe();
  });
  return {
    get value(): T {
      return value;
    },
    get error(): unknown {
      return error;
    },
    get loaded(): boolean {
      return loaded;
    },
  };
}
