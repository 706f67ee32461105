import { csrRows } from "./csr.ts";
import {
  createSolverState,
  type FactorBuffers,
  type Side,
  type SolveConfig,
  solveRows,
} from "./factor-buffers.ts";

/** Solves every row of one side against the Gram matrix currently in the buffers. */
export interface SideSolver {
  solve(side: Side): Promise<void>;
  close(): Promise<void>;
}

/** Rows solved between two returns to the event loop, so timers and abort signals still get a turn. */
const CHUNK_ROWS = 512;

/** Solves on the calling thread, in row order: deterministic. */
export function inProcessSolver(
  buffers: FactorBuffers,
  config: SolveConfig,
  signal?: AbortSignal,
): SideSolver {
  const state = createSolverState(buffers, config);
  return {
    async solve(side) {
      const rows = csrRows(side === "users" ? buffers.userItems : buffers.itemUsers);
      for (let from = 0; from < rows; from += CHUNK_ROWS) {
        solveRows(state, side, from, Math.min(rows, from + CHUNK_ROWS));
        await new Promise<void>((resolve) => setImmediate(resolve));
        signal?.throwIfAborted();
      }
    },
    async close() {},
  };
}
