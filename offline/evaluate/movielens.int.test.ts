import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { sharedDataDir } from "../../tests/support/shared-data.ts";
import {
  type EvaluationSplit,
  evaluateScorer,
  formatReportMarkdown,
  lastLikedScorer,
  meanOfLikedScorer,
  popularityScorer,
  type RatingRow,
  splitLeaveLastOut,
} from "./index.ts";

/** ml-latest-small's first column of each data line; titles may hold quoted commas, but ids never do. */
function dataLines(file: string): string[][] {
  const text = readFileSync(join(sharedDataDir(), file), "utf8");
  return text
    .split("\n")
    .slice(1)
    .filter((line) => line.length > 0)
    .map((line) => line.split(","));
}

function readRatings(): RatingRow[] {
  return dataLines("ratings.csv").map(([userId, itemId, rating, timestamp]) => ({
    userId: userId as string,
    itemId: itemId as string,
    rating: Number(rating),
    timestamp: Number(timestamp),
  }));
}

/** Seeded uniform floats in [-1, 1) (mulberry32), so the random table is the same on every run. */
function seededVectors(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * 2 - 1;
  }
  return out;
}

describe("offline evaluation on ml-latest-small", () => {
  let split: EvaluationSplit;
  let catalogue: string[];
  before(() => {
    split = splitLeaveLastOut(readRatings());
    catalogue = dataLines("movies.csv").map((fields) => fields[0] as string);
  });

  it("evaluates 607 users and reproduces the popularity reference", (t) => {
    assert.equal(catalogue.length, 9742);
    assert.equal(split.heldOut.size, 607);
    const metrics = evaluateScorer(split, catalogue, popularityScorer(split, catalogue));
    t.diagnostic(
      formatReportMarkdown({ protocol: "leave-last-out", users: 607, catalogue: 9742, models: [metrics] }),
    );
    assert.equal(metrics.users, 607);
    // benchmarks.md quotes popularity HR@10 0.048-0.053 and HR@50 0.133, to 3 decimals, so the band is that
    // range widened by half a unit. Here 29 of 607 users hit (0.0478, "0.048"); at 30 it would be 0.0494. The
    // band still fails on a one-user drift below: 28 / 607 = 0.0461.
    assert.ok(metrics.hr10 >= 0.0475 && metrics.hr10 <= 0.0535, `HR@10 ${metrics.hr10}`);
    assert.ok(metrics.hr50 >= 0.12 && metrics.hr50 <= 0.15, `HR@50 ${metrics.hr50}`);
    assert.ok(metrics.ndcg10 > 0 && metrics.ndcg10 < metrics.hr10);
    // Seen items are skipped, so heavy raters reach deeper, but everyone still draws from a short head.
    assert.ok(metrics.coverage10 > 10 / 9742 && metrics.coverage10 < 0.05, `coverage ${metrics.coverage10}`);
  });

  it("scores a 64-dimensional table for every evaluated user", (t) => {
    const table = { itemIds: catalogue, dimension: 64, vectors: seededVectors(catalogue.length * 64, 7) };
    const models = [
      meanOfLikedScorer("random mean", table, catalogue),
      lastLikedScorer("random last", table, catalogue),
    ];
    const results = models.map((scorer) => evaluateScorer(split, catalogue, scorer));
    t.diagnostic(
      formatReportMarkdown({ protocol: "leave-last-out", users: 607, catalogue: 9742, models: results }),
    );
    for (const metrics of results) {
      assert.equal(metrics.users, 607);
      // A random table is close to chance (10 / ~9,600 candidates), far below popularity.
      assert.ok(metrics.hr10 < 0.03, `${metrics.model} HR@10 ${metrics.hr10}`);
      // Personalised scores spread the top-10s over much of the catalogue.
      assert.ok(metrics.coverage10 > 0.2, `${metrics.model} coverage ${metrics.coverage10}`);
    }
  });
});
