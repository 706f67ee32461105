import { parentPort, workerData } from "node:worker_threads";
import { createKernelState, flushProgress, trainSentences } from "./sgns-kernel.ts";
import type { WorkerData, WorkerMessage } from "./worker-protocol.ts";

const { task } = workerData as WorkerData;
const state = createKernelState(task.buffers, task.config, task.rng, task.thread);
const post = (message: WorkerMessage) => parentPort?.postMessage(message);
for (let epoch = 1; epoch <= task.epochs; epoch++) {
  trainSentences(state, task.from, task.to);
  flushProgress(state);
  post({ type: "epoch", epoch });
}
post({ type: "done" });
