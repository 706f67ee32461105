import type { KernelBuffers, KernelConfig } from "./sgns-kernel.ts";

/** What a training worker receives; the buffers sit on SharedArrayBuffers so every worker updates the same rows. */
export interface WorkerTask {
  readonly buffers: KernelBuffers;
  readonly config: KernelConfig;
  readonly rng: number;
  /** Index of this worker's scratch area in the shared memory. */
  readonly thread: number;
  readonly from: number;
  readonly to: number;
  readonly epochs: number;
}

/** workerData of worker-boot.mjs: the module to run and its task. */
export interface WorkerData {
  readonly entry: string;
  readonly task: WorkerTask;
}

export type WorkerMessage = { readonly type: "epoch"; readonly epoch: number } | { readonly type: "done" };
