import type { Csr } from "./csr.ts";
import { addScaledRow, choleskySolve, dot, dotRow, matrixTimes } from "./linear-algebra.ts";

/**
 * One half-step's systems: for each row u of `csr`, x_u minimises sum_i c_ui (p_ui - x_u . y_i)^2 + lambda |x_u|^2
 * over all columns i, i.e. (Y^T Y + lambda I + Y^T (C_u - I) Y) x_u = Y^T C_u p_u. Only observed columns have
 * c_ui - 1 = alpha * r_ui != 0 and p_ui = 1, so each row costs O(nnz * k) on top of the shared `gram`.
 */
export interface HalfStep {
  readonly k: number;
  readonly alpha: number;
  /** Y^T Y + lambda I, k x k, both triangles. */
  readonly gram: Float64Array;
  /** Y, the side held fixed. */
  readonly fixed: Float32Array;
  /** X, the side being solved; rows are read as the warm start and overwritten. */
  readonly solved: Float32Array;
  readonly csr: Csr;
}

/** Per-thread scratch, allocated once so the row loop allocates nothing. */
export interface Scratch {
  readonly x: Float64Array;
  readonly r: Float64Array;
  readonly p: Float64Array;
  readonly ap: Float64Array;
  readonly matrix: Float64Array;
}

/** Scratch for k factors. */
export function createScratch(k: number): Scratch {
  const vector = () => new Float64Array(k);
  return { x: vector(), r: vector(), p: vector(), ap: vector(), matrix: new Float64Array(k * k) };
}

/** Stops CG once the squared residual is this small: the row has converged in float precision. */
const RESIDUAL_FLOOR = 1e-20;

/** Takes `steps` conjugate-gradient steps on row u's system, starting from its current factors (as implicit). */
export function solveRowCg(step: HalfStep, scratch: Scratch, u: number, steps: number): void {
  const { k, fixed, solved, csr } = step;
  const { x, r, p, ap } = scratch;
  const base = u * k;
  for (let d = 0; d < k; d++) x[d] = solved[base + d] as number;
  // r = b - A x, with the sparse part folded in: each observed y_i adds (c - (c - 1) y_i . x) y_i.
  matrixTimes(step.gram, x, r, k);
  for (let d = 0; d < k; d++) r[d] = -(r[d] as number);
  const end = csr.offsets[u + 1] as number;
  for (let n = csr.offsets[u] as number; n < end; n++) {
    const row = (csr.indices[n] as number) * k;
    const extra = step.alpha * (csr.values[n] as number);
    addScaledRow(r, 1 + extra - extra * dotRow(fixed, row, x, k), fixed, row, k);
  }
  p.set(r);
  let rs = dot(r, r, k);
  for (let s = 0; s < steps && rs > RESIDUAL_FLOOR; s++) {
    sparseTimes(step, u, p, ap);
    const length = rs / dot(p, ap, k);
    for (let d = 0; d < k; d++) {
      x[d] = (x[d] as number) + length * (p[d] as number);
      r[d] = (r[d] as number) - length * (ap[d] as number);
    }
    const next = dot(r, r, k);
    const beta = next / rs;
    for (let d = 0; d < k; d++) p[d] = (r[d] as number) + beta * (p[d] as number);
    rs = next;
  }
  for (let d = 0; d < k; d++) solved[base + d] = x[d] as number;
}

/** out = A_u v = gram v + sum over observed i of (c_ui - 1) (y_i . v) y_i. */
function sparseTimes(step: HalfStep, u: number, v: Float64Array, out: Float64Array): void {
  const { k, fixed, csr } = step;
  matrixTimes(step.gram, v, out, k);
  const end = csr.offsets[u + 1] as number;
  for (let n = csr.offsets[u] as number; n < end; n++) {
    const row = (csr.indices[n] as number) * k;
    const extra = step.alpha * (csr.values[n] as number);
    addScaledRow(out, extra * dotRow(fixed, row, v, k), fixed, row, k);
  }
}

/** Solves row u's system exactly: forms A_u and b_u, then a Cholesky factorisation. */
export function solveRowCholesky(step: HalfStep, scratch: Scratch, u: number): void {
  const { k, fixed, solved, csr } = step;
  const { matrix, x: b } = scratch;
  matrix.set(step.gram);
  b.fill(0);
  const end = csr.offsets[u + 1] as number;
  for (let n = csr.offsets[u] as number; n < end; n++) {
    const row = (csr.indices[n] as number) * k;
    const extra = step.alpha * (csr.values[n] as number);
    addScaledRow(b, 1 + extra, fixed, row, k);
    if (extra === 0) continue;
    for (let a = 0; a < k; a++) {
      const scaled = extra * (fixed[row + a] as number);
      const line = a * k;
      for (let c = 0; c <= a; c++)
        matrix[line + c] = (matrix[line + c] as number) + scaled * (fixed[row + c] as number);
    }
  }
  choleskySolve(matrix, b, k);
  const base = u * k;
  for (let d = 0; d < k; d++) solved[base + d] = b[d] as number;
}
