import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { factorScorer } from "./factor-scorer.ts";

const model = {
  userIds: ["ann", "ben"],
  itemIds: ["a", "b", "c"],
  dimension: 2,
  userFactors: Float32Array.of(1, 2, -1, 0.5),
  itemFactors: Float32Array.of(1, 0, 0, 1, 2, -1),
};
const catalogue = ["c", "x", "a", "b"];

function scores(userId: string): number[] {
  const out = new Float32Array(catalogue.length).fill(99);
  factorScorer("als", model, catalogue).score(userId, [], out);
  return [...out];
}

describe("factorScorer", () => {
  it("scores the dot product of user and item factors, -Infinity for items the model lacks", () => {
    const minus = Number.NEGATIVE_INFINITY;
    // ann = (1, 2): c = 2 - 2, a = 1, b = 2.
    assert.deepEqual(scores("ann"), [0, minus, 1, 2]);
    // ben = (-1, 0.5): c = -2 - 0.5, a = -1, b = 0.5.
    assert.deepEqual(scores("ben"), [-2.5, minus, -1, 0.5]);
  });

  it("scores 0 on every known item for a user the model lacks", () => {
    assert.deepEqual(scores("zoe"), [0, Number.NEGATIVE_INFINITY, 0, 0]);
  });

  it("keeps its name and rejects factors that do not match the ids", () => {
    assert.equal(factorScorer("als k=2", model, catalogue).name, "als k=2");
    const short = { ...model, itemFactors: new Float32Array(5) };
    assert.throws(() => factorScorer("als", short, catalogue), /itemFactors holds 5 floats, expected 3 x 2/);
  });
});
