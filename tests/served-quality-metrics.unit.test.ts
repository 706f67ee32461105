import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePrintedReport } from "../bench/served-quality/offline-reference.ts";
import { type ServedAnswer, servedMetrics } from "../bench/served-quality/served-metrics.ts";
import { judge } from "../bench/served-quality/verdict.ts";
import { formatReportMarkdown } from "../offline/evaluate/index.ts";

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

describe("the table `recsys offline train` prints", () => {
  it("parses back into the report's rows", () => {
    const printed = formatReportMarkdown({
      protocol: "leave-last-out",
      users: 600,
      catalogue: 9742,
      models: [
        {
          model: "popularity",
          users: 600,
          hr10: 0.05,
          ndcg10: 0.02,
          hr50: 0.13,
          coverage10: 0.01,
          scoringMs: 5,
        },
        {
          model: "ranker",
          users: 600,
          hr10: 0.1012,
          ndcg10: 0.0511,
          hr50: 0.25,
          coverage10: 0.1,
          scoringMs: 50,
          trainingMs: 3000,
        },
      ],
    });
    const rows = parsePrintedReport(`stages: load 1s\n${printed}published v1\n`);
    assert.deepEqual(
      rows.map((r) => [r.model, r.hr10, r.ndcg10]),
      [
        ["popularity", 0.05, 0.02],
        ["ranker", 0.1012, 0.0511],
      ],
    );
  });
});
