import type { Logger } from "../../core/logger.ts";

export type RunOutcome<T> =
  | { readonly status: "succeeded"; readonly result: T; readonly ms: number }
  | { readonly status: "failed"; readonly error: unknown; readonly ms: number }
  | { readonly status: "skipped"; readonly reason: string };

export interface ExclusiveRunner<T> {
  /** Starts a run unless one is in progress; never rejects, the outcome says what happened. */
  run(trigger: string): Promise<RunOutcome<T>>;
  readonly running: boolean;
  /** Resolves when the run in progress (if any) has ended. */
  idle(): Promise<void>;
  /** Refuses every later trigger and aborts the run in progress (shutting down). */
  close(): void;
}

/**
 * Runs `job` at most once at a time: a trigger that arrives during a run is skipped and logged, not queued.
 * Each run gets an abort signal that fires when the runner closes.
 */
export function createExclusiveRunner<T>(
  job: (signal: AbortSignal) => Promise<T>,
  logger: Logger,
): ExclusiveRunner<T> {
  let current: Promise<unknown> | null = null;
  let controller: AbortController | null = null;
  let closed = false;
  return {
    close() {
      closed = true;
      controller?.abort(new Error("the offline schedule is shutting down"));
    },
    get running() {
      return current !== null;
    },
    async idle() {
      await current;
    },
    async run(trigger: string): Promise<RunOutcome<T>> {
      if (closed) return { status: "skipped", reason: "shutting down" };
      if (current !== null) {
        logger.warn("training run skipped: the previous run is still going", { trigger });
        return { status: "skipped", reason: "a run is in progress" };
      }
      const started = performance.now();
      logger.info("training run started", { trigger });
      controller = new AbortController();
      const attempt = job(controller.signal).then(
        (result) => ({ status: "succeeded" as const, result, ms: performance.now() - started }),
        (error: unknown) => ({ status: "failed" as const, error, ms: performance.now() - started }),
      );
      current = attempt;
      const outcome = await attempt;
      current = null;
      controller = null;
      if (outcome.status === "succeeded")
        logger.info("training run succeeded", { trigger, ms: Math.round(outcome.ms) });
      else
        logger.error("training run failed", {
          trigger,
          ms: Math.round(outcome.ms),
          error: String(outcome.error),
        });
      return outcome;
    },
  };
}
