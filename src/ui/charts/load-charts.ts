let loading: Promise<typeof import('./chart-setup')> | null = null;

/** chart.js, loaded on first use (analytics pages only). Call early to get its evaluation out of the way. */
export function loadCharts(): Promise<typeof import('./chart-setup')> {
  loading ??= import('./chart-setup').catch((err: unknown) => {
    loading = null; // try again next time (e.g. back online)
    throw err;
  });
  return loading;
}

let queue: Promise<void> = Promise.resolve();

/**
 * Resolves in a task of its own, one caller at a time: charts created on one page are drawn one per
 * task instead of all in one, so the main thread is never held for long.
 */
export function nextDrawSlot(): Promise<void> {
  const slot = queue.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  queue = slot;
  return slot;
}
