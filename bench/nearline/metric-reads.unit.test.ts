import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bucketAround, type HistogramSnapshot, quantile, quantileWithPending } from "./metric-reads.ts";

/** 100 observations: 50 in (0, 0.1], 40 in (0.1, 0.5], 10 in (0.5, 1]. */
const snapshot: HistogramSnapshot = {
  buckets: [
    { le: 0.1, count: 50 },
    { le: 0.5, count: 90 },
    { le: 1, count: 100 },
    { le: Number.POSITIVE_INFINITY, count: 100 },
  ],
  sum: 20,
  count: 100,
};

describe("quantile", () => {
  it("interpolates linearly inside the bucket holding the rank", () => {
    assert.equal(quantile(snapshot, 0.5), 0.1);
    assert.ok(Math.abs(quantile(snapshot, 0.7) - 0.3) < 1e-12);
    assert.ok(Math.abs(quantile(snapshot, 0.95) - 0.75) < 1e-12);
  });

  it("answers NaN without observations and the last finite bound inside +Inf", () => {
    assert.ok(Number.isNaN(quantile({ buckets: snapshot.buckets, sum: 0, count: 0 }, 0.5)));
    const overflow = {
      ...snapshot,
      buckets: [...snapshot.buckets.slice(0, 3), { le: Infinity, count: 200 }],
    };
    assert.equal(quantile({ ...overflow, count: 200 }, 0.99), 1);
  });
});

describe("quantileWithPending", () => {
  it("equals quantile when nothing is pending", () => {
    assert.equal(quantileWithPending(snapshot, 0.7, 0, 5), quantile(snapshot, 0.7));
  });

  it("counts pending events at the floor, so a rank among them answers the floor", () => {
    // 100 observed (all <= 1 s) + 100 pending at 5 s: the median is the largest observation, p99 is the floor.
    assert.equal(quantileWithPending(snapshot, 0.5, 100, 5), 1);
    assert.equal(quantileWithPending(snapshot, 0.99, 100, 5), 5);
  });

  it("places pending events inside the observations when the floor is low", () => {
    // floor 0.1: 50 observations at most 0.1, then 50 pending at 0.1, then the other 50 observations.
    assert.equal(quantileWithPending(snapshot, 0.4, 50, 0.1), 0.1);
    // rank 142.5 of 150 is observation 92.5: a quarter into the (0.5, 1] bucket.
    assert.ok(Math.abs(quantileWithPending(snapshot, 0.95, 50, 0.1) - 0.625) < 1e-12);
  });
});

describe("bucketAround", () => {
  it("names the bucket bounds of a value", () => {
    assert.equal(bucketAround(snapshot, 0.3), "0.1-0.5 s");
    assert.equal(bucketAround(snapshot, 0.05), "0-0.1 s");
    assert.equal(bucketAround(snapshot, 3), "> 1 s");
  });
});
