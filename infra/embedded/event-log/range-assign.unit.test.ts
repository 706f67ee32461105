import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rangeAssign } from "./range-assign.ts";

const counts: Record<string, number> = { a: 5, b: 2 };
const countOf = (topic: string) => counts[topic] ?? 0;

describe("rangeAssign", () => {
  it("gives contiguous ranges in member-id order, the first members one extra", () => {
    const owners = rangeAssign(
      [
        { memberId: "m2", topics: ["a"] },
        { memberId: "m1", topics: ["a"] },
      ],
      countOf,
    );
    assert.deepEqual(owners.get("a"), ["m1", "m1", "m1", "m2", "m2"]);
  });

  it("assigns each topic only over its own subscribers", () => {
    const owners = rangeAssign(
      [
        { memberId: "m1", topics: ["a"] },
        { memberId: "m2", topics: ["a", "b"] },
      ],
      countOf,
    );
    assert.deepEqual(owners.get("a"), ["m1", "m1", "m1", "m2", "m2"]);
    assert.deepEqual(owners.get("b"), ["m2", "m2"]);
  });

  it("leaves members beyond the partition count without partitions", () => {
    const members = ["m1", "m2", "m3"].map((memberId) => ({ memberId, topics: ["b"] }));
    assert.deepEqual(rangeAssign(members, countOf).get("b"), ["m1", "m2"]);
  });

  it("returns nothing for an empty group", () => {
    assert.equal(rangeAssign([], countOf).size, 0);
  });
});
