import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listAgreement } from "../bench/served-quality/list-agreement.ts";
import { type ServedAnswer, servedMetrics } from "../bench/served-quality/served-metrics.ts";
import { judge } from "../bench/served-quality/verdict.ts";

const answer = (userId: string, itemIds: string[], extra: Partial<ServedAnswer> = {}): ServedAnswer => ({
  userId,
  status: 200,
  model: "ranker",
  coldStart: false,
  degradedReasons: [],
  itemIds,
  latencyMs: 1,
  ...extra,
});

const ten = (first: number) => Array.from({ length: 10 }, (_, i) => String(first + i));

describe("served-quality metrics", () => {
  it("computes HR@10, NDCG@10 and coverage@10 as the offline evaluation does", () => {
    const heldOut = new Map([
      ["u1", "1"], // rank 0: DCG 1
      ["u2", "22"], // rank 2: DCG 1 / log2(4) = 0.5
      ["u3", "99"], // miss
      ["u4", "40"], // no answer at all: a miss
    ]);
    const answers = [answer("u1", ten(1)), answer("u2", ten(20)), answer("u3", ten(1))];
    const m = servedMetrics(answers, heldOut, 100);
    assert.equal(m.users, 4);
    assert.equal(m.hits, 2);
    assert.equal(m.hr10, 0.5);
    assert.equal(m.ndcg10, 1.5 / 4);
    assert.equal(m.coverage10, 20 / 100);
    assert.equal(m.failed, 1);
    assert.deepEqual(m.models, { ranker: 3 });
  });

  it("counts only the first 10 items, and failed, cold-start, degraded and seen-item answers", () => {
    const heldOut = new Map([
      ["u1", "11"],
      ["u2", "5"],
      ["u3", "7"],
      ["u4", "8"],
    ]);
    const answers = [
      answer("u1", ten(1).concat("11")), // the held-out item at position 11 is not a hit
      answer("u2", [], { status: 503, model: null, degradedReasons: ["http:503"] }),
      answer("u3", ["7", "3"], {
        coldStart: true,
        model: "cold-start",
        degradedReasons: ["cache:timeout", "cache:timeout"],
      }),
      answer("u4", ["2", "8"], { degradedReasons: ["bulk:open"] }),
    ];
    const seen = new Map([["u4", new Set(["2"])]]);
    const m = servedMetrics(answers, heldOut, 10, seen);
    assert.equal(m.hits, 2);
    assert.equal(m.failed, 1);
    assert.equal(m.coldStart, 1);
    assert.equal(m.degraded, 2);
    assert.equal(m.degradedByTime, 1);
    assert.deepEqual(m.degradedReasons, { "cache:timeout": 1, "bulk:open": 1 });
    assert.deepEqual(m.models, { ranker: 2, "cold-start": 1 });
    assert.equal(m.listsWithSeenItems, 1);
    assert.equal(m.shortLists, 2);
  });
});

describe("served-quality verdict", () => {
  it("passes within 5% (relative) of the offline figure and at 0.09 or more", () => {
    assert.equal(judge(0.1, 0.1).pass, true);
    assert.equal(judge(0.095, 0.1).pass, true);
    assert.equal(judge(0.094, 0.1).withinTolerance, false);
    assert.equal(judge(0.106, 0.1).withinTolerance, false);
    const low = judge(0.085, 0.086);
    assert.equal(low.withinTolerance, true);
    assert.equal(low.aboveMinimum, false);
    assert.equal(low.pass, false);
    assert.equal(judge(0.1, 0).pass, false);
  });
});

describe("served lists against the offline replay", () => {
  it("counts identical lists, same items in another order, overlap and who hit", () => {
    const heldOut = new Map([
      ["u1", "1"],
      ["u2", "3"],
      ["u3", "9"],
      ["u4", "4"],
    ]);
    const answers = [
      answer("u1", ["1", "2", "3"]),
      answer("u2", ["3", "2", "1"]),
      answer("u3", ["9", "5", "6"]),
      answer("u4", [], { status: 503, model: null }),
    ];
    const replay = new Map([
      ["u1", ["1", "2", "3"]],
      ["u2", ["1", "2", "3"]],
      ["u3", ["7", "8", "6"]],
      ["u4", ["4", "5", "6"]],
    ]);
    const a = listAgreement(answers, replay, heldOut, 3);
    assert.equal(a.identical, 1);
    assert.equal(a.sameItems, 1);
    assert.equal(a.meanOverlap, (1 + 1 + 1 / 3 + 0) / 4);
    assert.deepEqual([a.bothHit, a.servedOnlyHit, a.replayOnlyHit], [2, 1, 1]);
    assert.deepEqual(
      a.examples.map((e) => e.userId),
      ["u2", "u3", "u4"],
    );
  });
});
