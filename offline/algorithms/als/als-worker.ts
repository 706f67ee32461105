import { parentPort, workerData } from "node:worker_threads";
import { createSolverState, solveRows } from "./factor-buffers.ts";
import type { AlsWorkerTask, SolvedMessage, SolveMessage } from "./worker-protocol.ts";

const { task } = workerData as { task: AlsWorkerTask };
const state = createSolverState(task.buffers, task.config);
const solved: SolvedMessage = { type: "solved" };
// A throw here surfaces as the worker's "error" event, which fails the team.
parentPort?.on("message", (message: SolveMessage) => {
  solveRows(state, message.side, message.from, message.to);
  parentPort?.postMessage(solved);
});
