import type { FactorBuffers, Side, SolveConfig } from "./factor-buffers.ts";

/** What each ALS worker starts with: views of the shared buffers and the solve settings. */
export interface AlsWorkerTask {
  readonly buffers: FactorBuffers;
  readonly config: SolveConfig;
}

/** Asks a worker to solve rows from..to-1 of one side; it answers with a `SolvedMessage`. */
export interface SolveMessage {
  readonly side: Side;
  readonly from: number;
  readonly to: number;
}

export interface SolvedMessage {
  readonly type: "solved";
}
