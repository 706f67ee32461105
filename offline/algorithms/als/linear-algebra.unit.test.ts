import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { choleskySolve, matrixTimes, writeGram } from "./linear-algebra.ts";
import { rowSplits } from "./row-splits.ts";

describe("dense kernels", () => {
  it("writes F^T F + lambda I with both triangles", () => {
    const factors = Float32Array.of(1, 2, 3, 4, 5, 6); // 3 rows x 2
    const gram = new Float64Array(4);
    writeGram(factors, 3, 2, 0.5, gram);
    assert.deepEqual([...gram], [1 + 9 + 25 + 0.5, 2 + 12 + 30, 2 + 12 + 30, 4 + 16 + 36 + 0.5]);
  });

  it("solves a symmetric positive-definite system with Cholesky", () => {
    const a = Float64Array.of(4, 2, 0.6, 2, 5, 1.5, 0.6, 1.5, 3.25);
    const x = Float64Array.of(1, -2, 0.5);
    const b = new Float64Array(3);
    matrixTimes(a, x, b, 3);
    choleskySolve(Float64Array.from(a), b, 3);
    for (let d = 0; d < 3; d++) assert.ok(Math.abs((b[d] as number) - (x[d] as number)) < 1e-12, `${b}`);
  });

  it("refuses a matrix that is not positive definite", () => {
    assert.throws(
      () => choleskySolve(Float64Array.of(1, 2, 2, 1), Float64Array.of(1, 1), 2),
      /positive definite/,
    );
  });
});

describe("rowSplits", () => {
  it("balances entries plus a per-row cost across parts", () => {
    // Rows with 6, 1, 1, 1, 1 entries; with rowCost 1 they cost 7, 2, 2, 2, 2 of 15 in all.
    const offsets = Int32Array.of(0, 6, 7, 8, 9, 10);
    assert.deepEqual(rowSplits(offsets, 2, 1), Int32Array.of(0, 1, 5));
    assert.deepEqual(rowSplits(offsets, 1, 1), Int32Array.of(0, 5));
    assert.deepEqual(rowSplits(Int32Array.of(0), 3, 1), Int32Array.of(0, 0, 0, 0));
  });
});
