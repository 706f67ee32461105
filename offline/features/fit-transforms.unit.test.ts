import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bucketIndex } from "../../core/features/index.ts";
import { fitMinMax, fitQuantileBuckets } from "./fit-transforms.ts";

describe("fitMinMax", () => {
  it("finds the range of the finite values", () => {
    assert.deepEqual(fitMinMax([3, -2, 7, Number.NaN, 5]), { min: -2, max: 7 });
    assert.deepEqual(fitMinMax(new Float32Array([4])), { min: 4, max: 4 });
  });

  it("gives a degenerate range for no usable values", () => {
    assert.deepEqual(fitMinMax([]), { min: 0, max: 0 });
    assert.deepEqual(fitMinMax([Number.NaN]), { min: 0, max: 0 });
  });
});

describe("fitQuantileBuckets", () => {
  it("splits 1..10 into 4 buckets at sorted indices 2, 5 and 7", () => {
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const boundaries = fitQuantileBuckets(values, 4);
    assert.deepEqual(boundaries, [3, 6, 8]);
    const sizes = [0, 1, 2, 3].map((b) => values.filter((v) => bucketIndex(v, boundaries) === b).length);
    assert.deepEqual(sizes, [2, 3, 2, 3]);
  });

  it("makes equal buckets when they divide the data evenly", () => {
    assert.deepEqual(fitQuantileBuckets([1, 2, 3, 4, 5, 6, 7, 8], 4), [3, 5, 7]);
  });

  it("collapses ties and never leaves the lowest bucket empty", () => {
    // sorted [0,0,0,0,0,0,1,2,3,5]; candidates at indices 2, 5, 7 are 0, 0, 2
    assert.deepEqual(fitQuantileBuckets([0, 5, 0, 1, 0, 2, 0, 3, 0, 0], 4), [2]);
    assert.deepEqual(fitQuantileBuckets([7, 7, 7], 3), []);
  });

  it("ignores NaN, handles empty input and one bucket", () => {
    assert.deepEqual(fitQuantileBuckets([Number.NaN, 1, Number.NaN, 2], 2), [2]);
    assert.deepEqual(fitQuantileBuckets([], 4), []);
    assert.deepEqual(fitQuantileBuckets([1, 2, 3], 1), []);
  });

  it("rejects a bucket count that is not a positive integer", () => {
    assert.throws(() => fitQuantileBuckets([1], 0), RangeError);
    assert.throws(() => fitQuantileBuckets([1], 2.5), RangeError);
  });
});
