import { parentPort, workerData } from "node:worker_threads";

/** A stand-in worker for worker-team tests: its task names how it answers a message. */
const { mode } = (workerData as { task: { mode: string } }).task;
parentPort?.on("message", () => {
  if (mode === "throw") throw new Error("planted worker failure");
  if (mode === "exit") process.exit(3);
  if (mode !== "silent") parentPort?.postMessage({ type: "solved" });
});
