import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateScorer } from "./evaluate-scorer.ts";
import { rankOf, selectTopK } from "./top-k.ts";
import type { EvaluationSplit, RatingRow, Scorer } from "./types.ts";

const catalogue = Array.from({ length: 60 }, (_, i) => `i${i}`);

function history(userId: string, itemIds: string[]): RatingRow[] {
  return itemIds.map((itemId, t) => ({ userId, itemId, rating: 5, timestamp: t }));
}

function splitOf(users: [userId: string, heldOut: string, seen: string[]][]): EvaluationSplit {
  const trainByUser = new Map(users.map(([userId, , seen]) => [userId, history(userId, seen)] as const));
  return {
    train: [...trainByUser.values()].flat(),
    heldOut: new Map(users.map(([userId, held]) => [userId, held] as const)),
    trainByUser,
  };
}

/** Scores item i as 100 - i, so the ranking is catalogue order; seen items must still be skipped. */
const descending: Scorer = {
  name: "descending",
  score(_userId, _history, out) {
    for (let i = 0; i < out.length; i++) out[i] = 100 - i;
  },
};

describe("evaluateScorer", () => {
  it("computes HR@10, NDCG@10, HR@50 and coverage@10 from known ranks", () => {
    const split = splitOf([
      ["u1", "i0", []], // rank 0: hit@10, gain 1
      ["u2", "i2", []], // rank 2: hit@10, gain 1/log2(4) = 0.5
      ["u3", "i30", []], // rank 30: miss@10, hit@50
      ["u4", "i55", []], // rank 55: miss both
      ["u5", "i3", ["i0", "i1"]], // i0 and i1 (top scores) are seen, so i3 is at rank 1: gain 1/log2(3)
    ]);
    const metrics = evaluateScorer(split, catalogue, descending);
    assert.equal(metrics.model, "descending");
    assert.equal(metrics.users, 5);
    assert.equal(metrics.hr10, 3 / 5);
    assert.equal(metrics.hr50, 4 / 5);
    assert.ok(Math.abs(metrics.ndcg10 - (1 + 0.5 + 1 / Math.log2(3)) / 5) < 1e-12);
    // Top-10 of u1..u4 is i0..i9; u5's is i2..i11: 12 of 60 items.
    assert.equal(metrics.coverage10, 12 / 60);
  });

  it("counts a held-out item outside the catalogue or scored -Infinity as a miss", () => {
    const blocked: Scorer = {
      name: "blocked",
      score(_userId, _history, out) {
        out.fill(1);
        out[0] = Number.NEGATIVE_INFINITY;
      },
    };
    const split = splitOf([
      ["u1", "i0", []],
      ["u2", "unknown", []],
    ]);
    const metrics = evaluateScorer(split, catalogue, blocked);
    assert.equal(metrics.hr50, 0);
    assert.equal(metrics.ndcg10, 0);
    // All-equal scores rank by catalogue index: both users see i1..i10.
    assert.equal(metrics.coverage10, 10 / 60);
  });

  it("reports progress and times scoring with the injected clock", () => {
    const calls: [number, number][] = [];
    let tick = 0;
    const split = splitOf([
      ["u1", "i0", []],
      ["u2", "i1", []],
    ]);
    const metrics = evaluateScorer(split, catalogue, descending, {
      onProgress: (done, total) => calls.push([done, total]),
      now: () => (tick += 7),
    });
    assert.deepEqual(calls, [
      [1, 2],
      [2, 2],
    ]);
    assert.equal(metrics.scoringMs, 7);
  });

  it("returns zero rates, not NaN, when nobody is evaluated", () => {
    const metrics = evaluateScorer(splitOf([]), catalogue, descending);
    assert.deepEqual([metrics.users, metrics.hr10, metrics.ndcg10, metrics.coverage10], [0, 0, 0, 0]);
  });
});

describe("top-k selection", () => {
  const scores = Float32Array.from([3, 5, 5, Number.NEGATIVE_INFINITY, Number.NaN, 4, 5, 1]);

  it("keeps the k best, lower index first on ties, skipping -Infinity and NaN", () => {
    const out = new Int32Array(4);
    assert.equal(selectTopK(scores, 4, out), 4);
    assert.deepEqual([...out], [1, 2, 6, 5]);
    const all = new Int32Array(10);
    assert.equal(selectTopK(scores, 10, all), 6);
    assert.deepEqual([...all.subarray(0, 6)], [1, 2, 6, 5, 0, 7]);
  });

  it("ranks a target among recommendable items", () => {
    assert.equal(rankOf(scores, 6), 2);
    assert.equal(rankOf(scores, 7), 5);
    assert.equal(rankOf(scores, 3), -1);
    assert.equal(rankOf(scores, 4), -1);
  });
});
