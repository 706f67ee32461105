import { validateCsr } from "./csr.ts";
import { type Alloc, createFactorBuffers, type FactorBuffers, type SolveConfig } from "./factor-buffers.ts";
import type { Interactions } from "./interactions.ts";
import { writeGram } from "./linear-algebra.ts";
import type { AlsModel } from "./model.ts";
import { type AlsParams, validateAlsParams } from "./params.ts";
import { fillUniform } from "./random.ts";
import { inProcessSolver, type SideSolver } from "./side-solver.ts";
import type { AlsTrainOptions } from "./train-options.ts";
import { workerSolver } from "./worker-solver.ts";

/** Initial factors are uniform in [0, INIT_SCALE), small so the first solves are driven by the data. */
const INIT_SCALE = 0.01;

/**
 * Trains implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008): alternately solves all user rows
 * with item factors fixed, then all item rows with user factors fixed, each row a regularised weighted least
 * squares with confidence 1 + alpha * value on observed pairs (preference 1) and 1 elsewhere (preference 0).
 */
export async function trainImplicitAls(
  interactions: Interactions,
  params: AlsParams,
  options: AlsTrainOptions = {},
): Promise<AlsModel> {
  const p = validateAlsParams(params);
  validateInteractions(interactions);
  options.signal?.throwIfAborted();
  const users = interactions.userIds.length;
  const items = interactions.itemIds.length;
  const k = p.factors;
  const threads = Math.min(p.threads, Math.max(1, users, items));
  const alloc: Alloc =
    threads > 1 ? (bytes) => new SharedArrayBuffer(bytes) : (bytes) => new ArrayBuffer(bytes);
  const buffers = createFactorBuffers(interactions, k, alloc);
  fillUniform(buffers.userFactors, p.seed, 0, INIT_SCALE);
  fillUniform(buffers.itemFactors, p.seed, 1, INIT_SCALE);
  const config: SolveConfig = { factors: k, alpha: p.alpha, cgSteps: p.cgSteps, solver: p.solver };
  const solver: SideSolver =
    threads > 1
      ? workerSolver(buffers, config, threads, options.signal)
      : inProcessSolver(buffers, config, options.signal);
  try {
    for (let iteration = 1; iteration <= p.iterations; iteration++) {
      writeGram(buffers.itemFactors, items, k, p.regularization, buffers.gram);
      await solver.solve("users");
      writeGram(buffers.userFactors, users, k, p.regularization, buffers.gram);
      await solver.solve("items");
      options.signal?.throwIfAborted();
      options.onProgress?.({ iteration, iterations: p.iterations });
    }
  } finally {
    await solver.close();
  }
  return toModel(interactions, k, buffers);
}

/** The model owns private copies, so it outlives the (possibly shared) training buffers. */
function toModel(interactions: Interactions, dimension: number, buffers: FactorBuffers): AlsModel {
  return {
    userIds: interactions.userIds,
    itemIds: interactions.itemIds,
    dimension,
    userFactors: new Float32Array(buffers.userFactors),
    itemFactors: new Float32Array(buffers.itemFactors),
  };
}

/** A bad index would read outside the factors and silently train garbage, so check both matrices once. */
function validateInteractions(interactions: Interactions): void {
  const users = interactions.userIds.length;
  const items = interactions.itemIds.length;
  validateCsr("userItems", interactions.userItems, users, items);
  validateCsr("itemUsers", interactions.itemUsers, items, users);
  if (interactions.userItems.indices.length !== interactions.itemUsers.indices.length) {
    throw new Error("ALS: interactions.itemUsers must hold as many entries as userItems (its transpose)");
  }
}
