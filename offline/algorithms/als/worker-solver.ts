import type { FactorBuffers, Side, SolveConfig } from "./factor-buffers.ts";
import { rowSplits } from "./row-splits.ts";
import type { SideSolver } from "./side-solver.ts";
import type { AlsWorkerTask, SolveMessage } from "./worker-protocol.ts";
import { WorkerTeam } from "./worker-team.ts";

const WORKER_URL = new URL("./als-worker.ts", import.meta.url);

/**
 * Solves each side's rows in `threads` worker threads on contiguous ranges of about equal work. Rows are
 * independent given the Gram matrix, so the result is the same as on one thread.
 */
export function workerSolver(
  buffers: FactorBuffers,
  config: SolveConfig,
  threads: number,
  signal?: AbortSignal,
): SideSolver {
  const task: AlsWorkerTask = { buffers, config };
  const team = new WorkerTeam<SolveMessage>(WORKER_URL, new Array(threads).fill(task), signal);
  // The fixed k^2 part of a solve, in units of one entry's 2k.
  const rowCost = config.factors / 2;
  const ranges = {
    users: messages("users", rowSplits(buffers.userItems.offsets, threads, rowCost)),
    items: messages("items", rowSplits(buffers.itemUsers.offsets, threads, rowCost)),
  };
  return {
    solve: (side) => team.run(ranges[side]),
    close: () => team.close(),
  };
}

function messages(side: Side, splits: Int32Array): SolveMessage[] {
  const out: SolveMessage[] = [];
  for (let t = 0; t + 1 < splits.length; t++) {
    out.push({ side, from: splits[t] as number, to: splits[t + 1] as number });
  }
  return out;
}
