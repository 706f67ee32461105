import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bucketIndex, minMaxScale } from "./numeric.ts";

describe("minMaxScale", () => {
  const range = { min: 10, max: 20 };

  it("maps the fitted range linearly onto [0, 1]", () => {
    assert.equal(minMaxScale(10, range), 0);
    assert.equal(minMaxScale(15, range), 0.5);
    assert.equal(minMaxScale(17.5, range), 0.75);
    assert.equal(minMaxScale(20, range), 1);
  });

  it("clamps values outside the fitted range", () => {
    assert.equal(minMaxScale(5, range), 0);
    assert.equal(minMaxScale(25, range), 1);
    assert.equal(minMaxScale(Number.POSITIVE_INFINITY, range), 1);
    assert.equal(minMaxScale(Number.NEGATIVE_INFINITY, range), 0);
  });

  it("gives 0 for a degenerate range and for NaN", () => {
    assert.equal(minMaxScale(3, { min: 3, max: 3 }), 0);
    assert.equal(minMaxScale(99, { min: 3, max: 3 }), 0);
    assert.equal(minMaxScale(Number.NaN, range), 0);
  });
});

describe("bucketIndex", () => {
  const boundaries = [3, 6, 8];

  it("counts the boundaries at or below the value", () => {
    assert.equal(bucketIndex(1, boundaries), 0);
    assert.equal(bucketIndex(2.999, boundaries), 0);
    assert.equal(bucketIndex(3, boundaries), 1);
    assert.equal(bucketIndex(5.9, boundaries), 1);
    assert.equal(bucketIndex(6, boundaries), 2);
    assert.equal(bucketIndex(7, boundaries), 2);
    assert.equal(bucketIndex(8, boundaries), 3);
    assert.equal(bucketIndex(1e9, boundaries), 3);
  });

  it("handles no boundaries, one boundary and NaN", () => {
    assert.equal(bucketIndex(42, []), 0);
    assert.equal(bucketIndex(-1, [0]), 0);
    assert.equal(bucketIndex(0, [0]), 1);
    assert.equal(bucketIndex(Number.NaN, boundaries), 0);
  });

  it("agrees with a linear count on many boundaries", () => {
    const many = Array.from({ length: 37 }, (_, i) => i * 2);
    for (let value = -3; value < 80; value += 0.5) {
      assert.equal(bucketIndex(value, many), many.filter((b) => b <= value).length, `value ${value}`);
    }
  });
});
