import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createItemVectors } from "./item-vectors.ts";

/** A small deterministic generator (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The inner-product search by definition: every row summed left to right, best first, ties by lower row. */
function bruteForce(
  ids: string[],
  vectors: Float32Array,
  dimension: number,
  query: Float32Array,
  k: number,
  exclude: Set<string>,
) {
  const scored: { row: number; score: number }[] = [];
  for (let row = 0; row < ids.length; row++) {
    if (exclude.has(ids[row] as string)) continue;
    let score = 0;
    for (let d = 0; d < dimension; d++)
      score += (query[d] as number) * (vectors[row * dimension + d] as number);
    scored.push({ row, score });
  }
  scored.sort((a, b) => b.score - a.score || a.row - b.row);
  return scored.slice(0, k).map(({ row, score }) => ({ id: ids[row] as string, score }));
}

describe("inner-product item vectors", () => {
  it("search returns exactly the sequential-sum top k, with ties, duplicates, zero rows and exclusions", () => {
    const next = random(7);
    const dimension = 13;
    const count = 600;
    const ids = Array.from({ length: count }, (_, row) => `i${row}`);
    const vectors = new Float32Array(count * dimension);
    for (let row = 0; row < count; row++) {
      // Norms spread over two orders of magnitude, as ALS factors of popular and rare items are.
      const scale = 0.05 + 5 * next() ** 3;
      for (let d = 0; d < dimension; d++) vectors[row * dimension + d] = (next() - 0.4) * scale;
    }
    // Exact copies of strong rows (ties broken by row) and a zero row.
    for (const [from, to] of [
      [3, 400],
      [3, 401],
      [10, 599],
    ] as const) {
      vectors.copyWithin(to * dimension, from * dimension, (from + 1) * dimension);
    }
    vectors.fill(0, 50 * dimension, 51 * dimension);
    const items = createItemVectors({ model: "als", ids, dimension, vectors }, "dot");
    for (let trial = 0; trial < 40; trial++) {
      const query = Float32Array.from({ length: dimension }, () => next() - 0.3);
      const exclude = new Set(ids.filter(() => next() < 0.2));
      for (const k of [1, 5, 66, 700]) {
        assert.deepEqual(
          items.search(query, k, exclude),
          bruteForce(ids, vectors, dimension, query, k, exclude),
        );
      }
    }
  });

  it("search with a zero query keeps the first rows, every score 0", () => {
    const ids = ["a", "b", "c"];
    const items = createItemVectors(
      { model: "als", ids, dimension: 2, vectors: Float32Array.of(1, 2, 3, 4, -1, 0) },
      "dot",
    );
    assert.deepEqual(items.search(new Float32Array(2), 2), [
      { id: "a", score: 0 },
      { id: "b", score: 0 },
    ]);
  });
});
