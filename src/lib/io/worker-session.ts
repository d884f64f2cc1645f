/**
 * One dedicated worker for one job (a backup, a restore, an import): requests get one answer each,
 * progress events stream in between, and closing terminates the worker (that is how a job is cancelled).
 */
export class WorkerSession<Req, Ev extends { type: string }> {
  private worker: Worker | null;
  private settle: ((e: Ev | null) => void) | null = null;

  constructor(
    make: () => Worker,
    private readonly onProgress: (e: Ev) => void,
    private readonly failed: (message: string) => Ev,
  ) {
    this.worker = make();
    this.worker.onmessage = (e: MessageEvent<Ev>) => {
      if (e.data.type === 'progress') this.onProgress(e.data);
      else this.finish(e.data);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.finish(this.failed(e.message || 'worker error'));
    };
  }

  private finish(e: Ev | null): void {
    const settle = this.settle;
    this.settle = null;
    settle?.(e);
  }

  /** Send a request; resolves with the worker's answer, or null when the session was closed. */
  ask(req: Req): Promise<Ev | null> {
    if (!this.worker) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.settle = resolve;
      this.worker?.postMessage(req);
    });
  }

  get alive(): boolean {
    return this.worker !== null;
  }

  close(): void {
    this.worker?.terminate();
    this.worker = null;
    this.finish(null);
  }
}
