/** How each least-squares system is solved: a few warm-started conjugate-gradient steps, or exactly. */
export type AlsSolver = "cg" | "cholesky";

/** Hyper-parameters of implicit ALS (Hu, Koren & Volinsky 2008). */
export interface AlsParams {
  /** Latent dimension k, e.g. 64. */
  factors: number;
  /** lambda of the L2 penalty on every factor row; must be > 0 so every system is positive definite. */
  regularization: number;
  /** Confidence of an observed pair is 1 + alpha * value; unobserved pairs have confidence 1. */
  alpha: number;
  /** Full sweeps, each solving all users then all items. */
  iterations: number;
  seed: number;
  /** 1 solves on the calling thread; more splits each half-step's rows across worker threads. */
  threads: number;
  /** Conjugate-gradient steps per row and half-step (solver "cg" only); default 3. */
  cgSteps?: number;
  /** Default "cg": O(k^2) per row and step; "cholesky" is exact but O(k^3) per row. */
  solver?: AlsSolver;
}

/**
 * Defaults: implicit's regularization 0.01, with k, alpha and iterations of the reference run in benchmarks.md.
 * On ml-latest-small under leave-last-out, lambda from 0.01 to 10 all land near HR@10 0.075-0.08; 0.01 was best
 * on average (0.079 over seeds 1-10, spread 0.069-0.091).
 */
export const DEFAULT_ALS_PARAMS: Required<AlsParams> = {
  factors: 64,
  regularization: 0.01,
  alpha: 10,
  iterations: 15,
  seed: 1,
  threads: 1,
  cgSteps: 3,
  solver: "cg",
};

/** Throws an Error naming the first invalid parameter; returns the parameters with defaults filled in. */
export function validateAlsParams(params: AlsParams): Required<AlsParams> {
  for (const name of ["factors", "iterations", "threads"] as const)
    requirePositiveInteger(name, params[name]);
  const cgSteps = params.cgSteps ?? DEFAULT_ALS_PARAMS.cgSteps;
  requirePositiveInteger("cgSteps", cgSteps);
  if (!Number.isSafeInteger(params.seed)) fail("seed", "must be a safe integer", params.seed);
  if (!Number.isFinite(params.regularization) || params.regularization <= 0) {
    fail("regularization", "must be a finite number > 0", params.regularization);
  }
  if (!Number.isFinite(params.alpha) || params.alpha < 0) {
    fail("alpha", "must be a finite number >= 0", params.alpha);
  }
  const solver = params.solver ?? DEFAULT_ALS_PARAMS.solver;
  if (solver !== "cg" && solver !== "cholesky") fail("solver", 'must be "cg" or "cholesky"', solver);
  return { ...params, cgSteps, solver };
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) fail(name, "must be a positive integer", value);
}

function fail(name: string, rule: string, value: unknown): never {
  throw new Error(`ALS: ${name} ${rule}, got ${String(value)}`);
}
