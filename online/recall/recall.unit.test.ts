import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DependencyUnavailable } from "../resilience/types.ts";
import { filterCandidates } from "./filter.ts";
import { mergeRecalls } from "./merge.ts";
import { planRecall, runRecall } from "./recall.ts";
import { fixtureContext, fixtureItems, fixtureSnapshot, fixtureUser } from "./serving.fixture.ts";
import type { Candidate, RecallChannel, RecallHit } from "./types.ts";

const hits = (...itemIds: string[]): RecallHit[] => itemIds.map((itemId, i) => ({ itemId, score: 10 - i }));
const fixed = (name: string, list: RecallHit[]): RecallChannel => ({
  name,
  recall: (_c, quota) => list.slice(0, quota),
});
const snapshot = fixtureSnapshot({
  items: fixtureItems(
    ["1", "2", "3", "4", "5"].map((itemId) => ({ itemId })),
    ["4"],
  ),
});
const user = fixtureUser("u", [{ itemId: "1", rating: 4, timestamp: 1 }]);

describe("merge", () => {
  it("keeps every channel's rank and score per item, ordered by reciprocal-rank sum", () => {
    const merged = mergeRecalls([
      { name: "a", hits: hits("1", "2", "3") },
      { name: "b", hits: hits("3", "4") },
    ]);
    // 3: 1/3 + 1 = 1.33; 1: 1; 2: 0.5; 4: 0.5 (best rank 1 ties 2's, id decides).
    assert.deepEqual(
      merged.map((c) => c.itemId),
      ["3", "1", "2", "4"],
    );
    assert.deepEqual(
      [...(merged[0] as Candidate).channels],
      [
        ["a", { rank: 2, score: 8 }],
        ["b", { rank: 0, score: 10 }],
      ],
    );
  });

  it("counts an item once per channel", () => {
    const merged = mergeRecalls([{ name: "a", hits: hits("1", "1") }]);
    assert.deepEqual([...(merged[0] as Candidate).channels], [["a", { rank: 0, score: 10 }]]);
  });
});

describe("recall", () => {
  it("runs the planned channels with their quotas and merges them", async () => {
    const channels = new Map([
      ["a", fixed("a", hits("2", "3", "5"))],
      ["b", fixed("b", hits("5"))],
    ]);
    const { plan, failures } = planRecall(channels, { a: 2, b: 1, zero: 0, missing: 3 });
    assert.deepEqual(failures, ["channel:missing:unknown"]);
    const outcome = await runRecall(fixtureContext(snapshot, user), plan);
    assert.deepEqual(
      outcome.candidates.map((c) => c.itemId),
      ["2", "5", "3"],
    );
    assert.deepEqual(outcome.failures, []);
  });

  it("cuts a channel that returns more than its quota", async () => {
    const greedy: RecallChannel = { name: "g", recall: () => hits("2", "3", "5") };
    const outcome = await runRecall(fixtureContext(snapshot, user), [{ channel: greedy, quota: 1 }]);
    assert.deepEqual(
      outcome.candidates.map((c) => c.itemId),
      ["2"],
    );
  });

  it("skips a channel that throws and names why", async () => {
    const broken: RecallChannel = {
      name: "trending",
      recall: async () => {
        throw new DependencyUnavailable("cache", "open");
      },
    };
    const crashing: RecallChannel = {
      name: "genre",
      recall: () => {
        throw new TypeError("bug");
      },
    };
    const outcome = await runRecall(fixtureContext(snapshot, user), [
      { channel: broken, quota: 5 },
      { channel: fixed("a", hits("2")), quota: 5 },
      { channel: crashing, quota: 5 },
    ]);
    assert.deepEqual(
      outcome.candidates.map((c) => c.itemId),
      ["2"],
    );
    assert.deepEqual(outcome.failures, ["channel:trending:open", "channel:genre:error"]);
  });

  it("gives up on a channel still running when the signal aborts", async () => {
    const controller = new AbortController();
    const slow: RecallChannel = {
      name: "graph",
      recall: () => new Promise<RecallHit[]>((resolve) => setTimeout(() => resolve(hits("3")), 1000).unref()),
    };
    const context = { ...fixtureContext(snapshot, user), signal: controller.signal };
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const outcome = await runRecall(context, [
      { channel: slow, quota: 5 },
      { channel: fixed("a", hits("2")), quota: 5 },
    ]);
    assert.ok(Date.now() - started < 500, "did not wait for the slow channel");
    assert.deepEqual(
      outcome.candidates.map((c) => c.itemId),
      ["2"],
    );
    assert.deepEqual(outcome.failures, ["channel:graph:timeout"]);
  });

  it("passes partial failures a channel reports", async () => {
    const partial: RecallChannel = {
      name: "graph",
      recall: (context) => {
        context.reportFailure?.("timeout");
        return hits("3");
      },
    };
    const outcome = await runRecall(fixtureContext(snapshot, user), [{ channel: partial, quota: 5 }]);
    assert.deepEqual(outcome.failures, ["channel:graph:timeout"]);
    assert.equal(outcome.candidates.length, 1);
  });
});

describe("filter", () => {
  it("drops seen, ineligible, unknown and excluded items, keeping the order", () => {
    const candidates = mergeRecalls([{ name: "a", hits: hits("5", "1", "4", "9", "3", "2") }]);
    const kept = filterCandidates(candidates, { snapshot, user, exclude: new Set(["3"]) });
    assert.deepEqual(
      kept.map((c) => c.itemId),
      ["5", "2"],
    );
  });
});
