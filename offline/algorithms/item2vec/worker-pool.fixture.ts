import { parentPort, workerData } from "node:worker_threads";

/** A stand-in training worker for worker-pool tests; its task names how it misbehaves. */
const { mode } = (workerData as { task: { mode: string } }).task;
if (mode === "throw") throw new Error("planted worker failure");
if (mode === "exit") process.exit(3);
parentPort?.postMessage({ type: "epoch", epoch: 1 });
if (mode === "hang") setInterval(() => {}, 1000);
else parentPort?.postMessage({ type: "done" });
