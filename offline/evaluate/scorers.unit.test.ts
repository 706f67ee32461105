import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lastLikedScorer, meanOfLikedScorer } from "./embedding-scorers.ts";
import { popularityScorer } from "./popularity-scorer.ts";
import { splitLeaveLastOut } from "./split.ts";
import type { EmbeddingTable, RatingRow, Scorer } from "./types.ts";

function r(userId: string, itemId: string, rating: number, timestamp: number): RatingRow {
  return { userId, itemId, rating, timestamp };
}

function scoresOf(scorer: Scorer, history: RatingRow[], size: number): number[] {
  const out = new Float32Array(size).fill(99);
  scorer.score("u", history, out);
  return [...out];
}

function assertClose(actual: number[], expected: number[]) {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, i) => {
    const want = expected[i] as number;
    if (!Number.isFinite(want)) assert.equal(value, want, `index ${i}`);
    else assert.ok(Math.abs(value - want) < 1e-6, `index ${i}: ${value} vs ${want}`);
  });
}

describe("popularityScorer", () => {
  it("scores each catalogue item by its number of training ratings of any value", () => {
    const split = splitLeaveLastOut([
      r("u", "a", 1, 1),
      r("u", "a", 4, 2),
      r("v", "a", 2.5, 1),
      r("v", "b", 4, 2),
      r("v", "c", 5, 3), // v's held-out item: not training, not counted
      r("v", "z", 3, 1), // outside the catalogue
    ]);
    const scorer = popularityScorer(split, ["a", "b", "c"]);
    assert.equal(scorer.name, "popularity");
    assert.deepEqual(scoresOf(scorer, [], 3), [3, 1, 0]);
  });
});

// "1" = (1,0); "2" = (0,2), unit (0,1); "10" = (1,1), unit (s,s) with s = 1/sqrt(2); "3" = (-1,0).
// "404" is in the catalogue only, "77" in the table only.
const s = Math.SQRT1_2;
const table: EmbeddingTable = {
  itemIds: ["1", "2", "10", "3", "77"],
  dimension: 2,
  vectors: Float32Array.from([1, 0, 0, 2, 1, 1, -1, 0, 0, 1]),
};
const catalogue = ["1", "2", "10", "3", "404"];
const NEG = Number.NEGATIVE_INFINITY;

describe("meanOfLikedScorer", () => {
  const scorer = meanOfLikedScorer("mean", table, catalogue);

  it("scores cosine with the mean of the liked items' unit vectors", () => {
    // Liked "1" and "2": mean of (1,0) and (0,1) is along (s,s). With raw vectors the mean (0.5,1) would
    // score "2" above "1"; unit vectors make them equal. "3" is disliked and ignored.
    const history = [r("u", "1", 4, 1), r("u", "2", 5, 2), r("u", "3", 1, 3)];
    assertClose(scoresOf(scorer, history, 5), [s, s, 1, -s, NEG]);
  });

  it("uses liked items outside the catalogue if the model knows them", () => {
    // "77" = (0,1) only: scores are the y components.
    assertClose(scoresOf(scorer, [r("u", "77", 5, 1)], 5), [0, 1, s, 0, NEG]);
  });

  it("falls back to 0 for every known item when no liked item is known", () => {
    const history = [r("u", "404", 5, 1), r("u", "1", 2, 2)];
    assertClose(scoresOf(scorer, history, 5), [0, 0, 0, 0, NEG]);
  });
});

describe("lastLikedScorer", () => {
  const scorer = lastLikedScorer("last", table, catalogue);

  it("scores cosine with the latest known liked item, ties broken numerically by id", () => {
    // "2" and "10" tie at t=5; numerically 10 > 2, so "10" is last. Unknown "404" at t=9 and disliked "3"
    // at t=8 are skipped. The history is deliberately out of order.
    const history = [
      r("u", "404", 5, 9),
      r("u", "10", 4, 5),
      r("u", "3", 1, 8),
      r("u", "2", 5, 5),
      r("u", "1", 5, 1),
    ];
    assertClose(scoresOf(scorer, history, 5), [s, s, 1, -s, NEG]);
  });

  it("follows the latest liked item", () => {
    const history = [r("u", "1", 5, 1), r("u", "2", 5, 2)];
    assertClose(scoresOf(scorer, history, 5), [0, 1, s, 0, NEG]);
  });

  it("falls back to 0 for every known item when nothing is liked", () => {
    assertClose(scoresOf(scorer, [], 5), [0, 0, 0, 0, NEG]);
  });

  it("rejects a table whose vectors do not match its ids and dimension", () => {
    assert.throws(
      () => lastLikedScorer("bad", { itemIds: ["1"], dimension: 2, vectors: new Float32Array(3) }, catalogue),
      RangeError,
    );
  });
});
