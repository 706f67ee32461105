import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sampleEvaluatedUsers } from "./sample-users.ts";
import type { EvaluationSplit } from "./types.ts";

const split: EvaluationSplit = {
  train: [],
  heldOut: new Map(Array.from({ length: 50 }, (_, i) => [`u${i}`, `i${i}`])),
  trainByUser: new Map(),
};

describe("sampling evaluated users", () => {
  it("keeps a split that is small enough as it is", () => {
    assert.equal(sampleEvaluatedUsers(split, 50, 1), split);
  });

  it("keeps maxUsers users with their own held-out items, the same ones for the same seed", () => {
    const a = sampleEvaluatedUsers(split, 10, 1);
    const b = sampleEvaluatedUsers(split, 10, 1);
    const other = sampleEvaluatedUsers(split, 10, 2);
    assert.equal(a.heldOut.size, 10);
    assert.deepEqual([...a.heldOut], [...b.heldOut]);
    assert.notDeepEqual([...a.heldOut.keys()].sort(), [...other.heldOut.keys()].sort());
    for (const [userId, itemId] of a.heldOut) assert.equal(itemId, `i${userId.slice(1)}`);
    assert.equal(a.train, split.train);
    const firstTen = Array.from({ length: 10 }, (_, i) => `u${i}`);
    assert.notDeepEqual([...a.heldOut.keys()].sort(), firstTen.sort(), "a spread, not the first users");
  });
});
