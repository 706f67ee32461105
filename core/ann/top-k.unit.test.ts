import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { seededRandom } from "./random.ts";
import { TopK } from "./top-k.ts";

describe("TopK", () => {
  it("keeps the same k pairs as a full sort, best first, ties by lower row", () => {
    const random = seededRandom(3);
    // Scores from a small set make many ties.
    const scores = Array.from({ length: 500 }, () => Math.floor(random.uniform() * 20) / 20);
    for (const k of [1, 7, 50, 500, 600]) {
      const top = new TopK(k);
      for (const [row, score] of scores.entries()) top.offer(row, score);
      const expected = scores
        .map((score, row) => ({ row, score }))
        .sort((a, b) => b.score - a.score || a.row - b.row)
        .slice(0, k);
      assert.deepEqual(top.sorted(), expected);
    }
  });

  it("keeps nothing when k is 0 or negative", () => {
    for (const k of [0, -3]) {
      const top = new TopK(k);
      top.offer(1, 0.5);
      assert.equal(top.accepts(2, 1), false);
      assert.deepEqual(top.sorted(), []);
    }
  });
});
