import { seedState } from "./random.ts";
import { sentenceSplits } from "./sentence-splits.ts";
import type { KernelBuffers, KernelConfig } from "./sgns-kernel.ts";
import type { TrainOptions } from "./train-options.ts";
import { runWorkers } from "./worker-pool.ts";
import type { WorkerTask } from "./worker-protocol.ts";

/** How the parallel run is laid out; `workerEntry` is replaceable so tests can load a failing worker. */
export interface WorkerPlan {
  readonly threads: number;
  readonly epochs: number;
  readonly seed: number;
  readonly workerEntry?: URL;
}

const TRAIN_WORKER_URL = new URL("./train-worker.ts", import.meta.url);

/**
 * Trains with one worker per thread on disjoint sentence ranges of about equal token counts, all writing to
 * the shared vectors without locks (Hogwild), each worker running every epoch over its range as word2vec does.
 */
export function trainInWorkers(
  buffers: KernelBuffers,
  config: KernelConfig,
  plan: WorkerPlan,
  options: TrainOptions,
): Promise<void> {
  const splits = sentenceSplits(buffers.sentenceStarts, buffers.tokens.length, plan.threads);
  const tasks: WorkerTask[] = [];
  for (let t = 0; t < plan.threads; t++) {
    const range = { from: splits[t] as number, to: splits[t + 1] as number };
    tasks.push({
      buffers,
      config,
      rng: seedState(plan.seed, t + 1),
      thread: t,
      ...range,
      epochs: plan.epochs,
    });
  }
  let reported = 0;
  const onEpoch = (epochsDone: readonly number[]) => {
    const epoch = Math.min(...epochsDone);
    if (epoch <= reported) return;
    reported = epoch;
    const tokensDone = Number(Atomics.load(buffers.progress, 0));
    options.onProgress?.({ epoch, epochs: plan.epochs, tokensDone, tokensTotal: config.tokensTotal });
  };
  return runWorkers(plan.workerEntry ?? TRAIN_WORKER_URL, tasks, { onEpoch, signal: options.signal });
}
