import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { writeGram } from "./linear-algebra.ts";
import { createScratch, type HalfStep, solveRowCg, solveRowCholesky } from "./row-solvers.ts";

const K = 3;
const ITEMS = 5;
const fixed = Float32Array.of(0.5, -1, 0.25, 1, 0.5, 0, -0.5, 0.75, 1, 0.25, 0.25, -0.5, 1.5, -0.25, 0.5);
// One user who interacted with item 1 (value 1) and item 3 (value 2).
const csr = { offsets: Int32Array.of(0, 2), indices: Int32Array.of(1, 3), values: Float32Array.of(1, 2) };
const alpha = 2;
const lambda = 0.5;

/** The minimiser of sum_i c_i (p_i - x . y_i)^2 + lambda |x|^2 over all items, by dense Gaussian elimination. */
function denseSolution(): number[] {
  const width = K + 1;
  const a = new Float64Array(K * width);
  for (let r = 0; r < K; r++) a[r * width + r] = lambda;
  for (let i = 0; i < ITEMS; i++) {
    const n = [...csr.indices].indexOf(i);
    const confidence = n < 0 ? 1 : 1 + alpha * (csr.values[n] as number);
    const preference = n < 0 ? 0 : 1;
    const y = (d: number) => fixed[i * K + d] as number;
    for (let r = 0; r < K; r++) {
      for (let c = 0; c < K; c++) a[r * width + c] = (a[r * width + c] as number) + confidence * y(r) * y(c);
      a[r * width + K] = (a[r * width + K] as number) + confidence * preference * y(r);
    }
  }
  const at = (r: number, c: number) => a[r * width + c] as number;
  for (let p = 0; p < K; p++) {
    for (let r = p + 1; r < K; r++) {
      const f = at(r, p) / at(p, p);
      for (let c = p; c <= K; c++) a[r * width + c] = at(r, c) - f * at(p, c);
    }
  }
  const x = new Array<number>(K).fill(0);
  for (let r = K - 1; r >= 0; r--) {
    let sum = at(r, K);
    for (let c = r + 1; c < K; c++) sum -= at(r, c) * (x[c] as number);
    x[r] = sum / at(r, r);
  }
  return x;
}

function halfStep(start: readonly number[]): HalfStep {
  const gram = new Float64Array(K * K);
  writeGram(fixed, ITEMS, K, lambda, gram);
  return { k: K, alpha, gram, fixed, solved: Float32Array.from(start), csr };
}

function assertClose(actual: Float32Array, expected: readonly number[], tolerance: number) {
  expected.forEach((value, d) => {
    assert.ok(Math.abs((actual[d] as number) - value) < tolerance, `got ${[...actual]}, want ${expected}`);
  });
}

describe("row solvers", () => {
  const expected = denseSolution();

  it("Cholesky gives the dense weighted least-squares solution", () => {
    const step = halfStep([9, 9, 9]);
    solveRowCholesky(step, createScratch(K), 0);
    assertClose(step.solved, expected, 1e-6);
  });

  it("CG reaches it in k steps from any start and moves towards it in fewer", () => {
    const exact = halfStep([0.3, -0.2, 0.1]);
    solveRowCg(exact, createScratch(K), 0, K);
    assertClose(exact.solved, expected, 1e-5);
    const distance = (v: Float32Array) => Math.hypot(...expected.map((e, d) => e - (v[d] as number)));
    const start = Float32Array.of(0.3, -0.2, 0.1);
    const partial = halfStep([...start]);
    solveRowCg(partial, createScratch(K), 0, 1);
    assert.ok(distance(partial.solved) < distance(start));
  });
});
