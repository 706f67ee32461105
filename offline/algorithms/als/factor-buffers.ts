import type { Csr } from "./csr.ts";
import type { Interactions } from "./interactions.ts";
import type { AlsSolver } from "./params.ts";
import { createScratch, type HalfStep, type Scratch, solveRowCg, solveRowCholesky } from "./row-solvers.ts";

/** Everything a half-step reads or writes; on SharedArrayBuffers when worker threads share it. */
export interface FactorBuffers {
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  readonly userItems: Csr;
  readonly itemUsers: Csr;
  /** The Gram matrix of the side held fixed, plus lambda I; written by the coordinating thread. */
  readonly gram: Float64Array;
}

/** The settings every row solve needs. */
export interface SolveConfig {
  readonly factors: number;
  readonly alpha: number;
  readonly cgSteps: number;
  readonly solver: AlsSolver;
}

/** "users" solves user rows against fixed item factors; "items" the reverse. */
export type Side = "users" | "items";

/** Which memory to allocate the buffers in. */
export type Alloc = (bytes: number) => ArrayBuffer | SharedArrayBuffer;

/** Copies the interactions into `alloc`ed memory and allocates factors (zero) and the Gram matrix. */
export function createFactorBuffers(
  interactions: Interactions,
  factors: number,
  alloc: Alloc,
): FactorBuffers {
  const copyCsr = (csr: Csr): Csr => ({
    offsets: copyInto(new Int32Array(alloc(csr.offsets.byteLength)), csr.offsets),
    indices: copyInto(new Int32Array(alloc(csr.indices.byteLength)), csr.indices),
    values: copyInto(new Float32Array(alloc(csr.values.byteLength)), csr.values),
  });
  const floats = (rows: number) => new Float32Array(alloc(rows * factors * 4));
  return {
    userFactors: floats(interactions.userIds.length),
    itemFactors: floats(interactions.itemIds.length),
    userItems: copyCsr(interactions.userItems),
    itemUsers: copyCsr(interactions.itemUsers),
    gram: new Float64Array(alloc(factors * factors * 8)),
  };
}

function copyInto<T extends Int32Array | Float32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/** A thread's view of the buffers with its own scratch. */
export interface SolverState {
  readonly buffers: FactorBuffers;
  readonly config: SolveConfig;
  readonly scratch: Scratch;
}

/** Builds a thread's solver state. */
export function createSolverState(buffers: FactorBuffers, config: SolveConfig): SolverState {
  return { buffers, config, scratch: createScratch(config.factors) };
}

/** Solves rows from..to-1 of `side` against the other side's factors and the current Gram matrix. */
export function solveRows(state: SolverState, side: Side, from: number, to: number): void {
  const { buffers, config, scratch } = state;
  const users = side === "users";
  const step: HalfStep = {
    k: config.factors,
    alpha: config.alpha,
    gram: buffers.gram,
    fixed: users ? buffers.itemFactors : buffers.userFactors,
    solved: users ? buffers.userFactors : buffers.itemFactors,
    csr: users ? buffers.userItems : buffers.itemUsers,
  };
  if (config.solver === "cholesky") {
    for (let u = from; u < to; u++) solveRowCholesky(step, scratch, u);
  } else {
    for (let u = from; u < to; u++) solveRowCg(step, scratch, u, config.cgSteps);
  }
}
