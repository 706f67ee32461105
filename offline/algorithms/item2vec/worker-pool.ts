import { Worker } from "node:worker_threads";
import type { WorkerData, WorkerMessage, WorkerTask } from "./worker-protocol.ts";

const BOOT_URL = new URL("./worker-boot.mjs", import.meta.url);

export interface PoolHandlers {
  /** Called with the epoch counts of all workers after any of them finishes one; may throw to stop the pool. */
  onEpoch(epochsDone: readonly number[]): void;
  signal?: AbortSignal;
}

/**
 * Runs one worker per task and resolves when all have finished; rejects on the first worker error, early
 * exit, abort or handler exception, terminating the others.
 */
export function runWorkers(entry: URL, tasks: readonly WorkerTask[], handlers: PoolHandlers): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const epochsDone = tasks.map(() => 0);
    const finished = tasks.map(() => false);
    const workers: Worker[] = [];
    let exited = 0;
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      handlers.signal?.removeEventListener("abort", onAbort);
      if (error === undefined) return resolve();
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    const onAbort = () => settle(handlers.signal?.reason);
    const onMessage = (t: number, message: WorkerMessage) => {
      if (settled) return;
      if (message.type === "done") finished[t] = true;
      else epochsDone[t] = message.epoch;
      try {
        handlers.onEpoch(epochsDone);
      } catch (error) {
        settle(error);
      }
    };
    tasks.forEach((task, t) => {
      const workerData: WorkerData = { entry: entry.href, task };
      const worker = new Worker(BOOT_URL, { workerData });
      workers.push(worker);
      worker.on("message", (message: WorkerMessage) => onMessage(t, message));
      worker.on("error", (error) => settle(error));
      worker.on("exit", (code) => {
        if (!finished[t])
          return settle(new Error(`Item2Vec: training worker ${t} exited early (code ${code})`));
        if (++exited === tasks.length) settle();
      });
    });
    if (handlers.signal?.aborted) onAbort();
    else handlers.signal?.addEventListener("abort", onAbort, { once: true });
  });
}
