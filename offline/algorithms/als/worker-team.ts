import { Worker } from "node:worker_threads";

const BOOT_URL = new URL("./worker-boot.mjs", import.meta.url);

interface PendingRun {
  left: number;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Long-lived workers on `entry` (a module reading `workerData.task`), one per task, each answering every message
 * with exactly one message. The first worker error, early exit or abort terminates all workers and rejects the
 * run in progress and every later one.
 */
export class WorkerTeam<M> {
  private readonly workers: Worker[];
  private failure: { error: unknown } | undefined;
  private closed = false;
  private pending: PendingRun | undefined;
  private readonly onAbort = () => this.fail(this.signal?.reason);

  constructor(
    entry: URL,
    tasks: readonly unknown[],
    private readonly signal?: AbortSignal,
  ) {
    this.workers = tasks.map((task) => new Worker(BOOT_URL, { workerData: { entry: entry.href, task } }));
    this.workers.forEach((worker, t) => {
      worker.on("message", () => this.answered());
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => this.fail(new Error(`ALS: worker ${t} exited early (code ${code})`)));
    });
    if (signal?.aborted) this.onAbort();
    else signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /** Posts messages[t] to worker t and resolves once every worker has answered. */
  run(messages: readonly M[]): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure.error);
    if (this.closed) return Promise.reject(new Error("ALS: the worker team is closed"));
    return new Promise<void>((resolve, reject) => {
      this.pending = { left: this.workers.length, resolve, reject };
      this.workers.forEach((worker, t) => {
        worker.postMessage(messages[t]);
      });
    });
  }

  /** Stops every worker; later runs reject. */
  async close(): Promise<void> {
    this.closed = true;
    this.signal?.removeEventListener("abort", this.onAbort);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private answered(): void {
    const pending = this.pending;
    if (pending === undefined || --pending.left > 0) return;
    this.pending = undefined;
    pending.resolve();
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined || this.closed) return;
    this.failure = { error };
    this.signal?.removeEventListener("abort", this.onAbort);
    for (const worker of this.workers) void worker.terminate();
    this.pending?.reject(error);
    this.pending = undefined;
  }
}
