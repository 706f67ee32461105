import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  addToMean,
  addToRecencyMean,
  decodeRunningMean,
  emptyRunningMean,
  encodeRunningMean,
  meanVector,
} from "./running-mean.ts";

const DAY = 86_400_000;
const vectors = [
  Float32Array.of(1, 2, 3),
  Float32Array.of(-1, 0.5, 2),
  Float32Array.of(0.25, -3, 1),
  Float32Array.of(4, 4, -4),
];
const times = [10 * DAY, 3 * DAY, 12 * DAY, 12 * DAY];

/** The offline definition: weights 0.5^((latest - t) / h) against the newest time. */
function recencyReference(halfLife: number): number[] {
  const latest = Math.max(...times);
  const sum = [0, 0, 0];
  let total = 0;
  vectors.forEach((v, i) => {
    const w = 0.5 ** ((latest - (times[i] as number)) / halfLife);
    v.forEach((x, d) => {
      sum[d] = (sum[d] as number) + w * x;
    });
    total += w;
  });
  return sum.map((s) => s / total);
}

describe("running means", () => {
  it("a plain mean equals the mean of the vectors, repeats counting again", () => {
    const mean = emptyRunningMean(3);
    for (const v of [...vectors, vectors[0] as Float32Array]) addToMean(mean, v);
    const expected = [0, 1, 2].map(
      (d) => [...vectors, vectors[0]].reduce((s, v) => s + (v?.[d] ?? 0), 0) / 5,
    );
    for (const [d, x] of Array.from(meanVector(mean) ?? []).entries()) {
      assert.ok(Math.abs(x - (expected[d] as number)) < 1e-6);
    }
  });

  it("the recency mean equals the offline weighting whatever order the items arrive in", () => {
    const reference = recencyReference(5 * DAY);
    for (const order of [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [1, 3, 0, 2],
    ]) {
      const mean = emptyRunningMean(3);
      for (const i of order) addToRecencyMean(mean, vectors[i] as Float32Array, times[i] as number, 5 * DAY);
      const got = Array.from(meanVector(mean) ?? []);
      for (const [d, x] of got.entries()) {
        assert.ok(Math.abs(x - (reference[d] as number)) < 1e-6, `${order}: ${got} vs ${reference}`);
      }
    }
  });

  it("is null before any item and round-trips its sums bit for bit", () => {
    const mean = emptyRunningMean(3);
    assert.equal(meanVector(mean), null);
    addToRecencyMean(mean, vectors[0] as Float32Array, times[0] as number, DAY);
    addToRecencyMean(mean, vectors[1] as Float32Array, times[1] as number, DAY);
    const decoded = decodeRunningMean(encodeRunningMean(mean), 3);
    assert.deepEqual(decoded, { sum: mean.sum, weight: mean.weight, latest: mean.latest });
    assert.equal(decodeRunningMean(encodeRunningMean(mean), 4), null, "another size is a miss, not garbage");
  });
});
