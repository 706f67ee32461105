import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadSharedMovieLens } from "../../../tests/support/shared-data.ts";
import {
  evaluateScorer,
  factorScorer,
  formatReportMarkdown,
  splitLeaveLastOut,
} from "../../evaluate/index.ts";
import { buildInteractions } from "./interactions.ts";
import { DEFAULT_ALS_PARAMS } from "./params.ts";
import { trainImplicitAls } from "./train.ts";

/** implicit's ALS (k=64, alpha=10, 15 iterations) reaches 0.087 here (benchmarks.md); our seed mean is 0.079. */
const TARGET_HR10 = 0.075;

describe("implicit ALS on ml-latest-small (leave-last-out)", () => {
  it("matches the reference set-up (binary interactions) over seeds 1-3", async (t) => {
    const { ratings, catalogue } = await loadSharedMovieLens();
    const split = splitLeaveLastOut(ratings);
    assert.equal(split.heldOut.size, 607);
    // Every training rating is one binary interaction, as for the reference figure. HR@10 depends on the initial
    // factors (seeds 1-10 span 0.069-0.091, mean 0.079), so the check is on the mean of three seeds. The pipeline
    // weights liked ratings higher and clears the 0.080 (tests/offline-quality.int.test.ts).
    const interactions = buildInteractions(split.train);
    const hr10: number[] = [];
    const hr50: number[] = [];
    for (const seed of [1, 2, 3]) {
      // Two threads only save time: the factors are the same as on one thread.
      const model = await trainImplicitAls(interactions, { ...DEFAULT_ALS_PARAMS, seed, threads: 2 });
      const metrics = evaluateScorer(split, catalogue, factorScorer("implicit-als", model, catalogue));
      const report = { protocol: "leave-last-out", users: 607, catalogue: catalogue.length };
      t.diagnostic(formatReportMarkdown({ ...report, models: [{ ...metrics, model: `seed ${seed}` }] }));
      assert.ok(metrics.ndcg10 > 0 && metrics.ndcg10 < metrics.hr10);
      hr10.push(metrics.hr10);
      hr50.push(metrics.hr50);
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    assert.ok(mean(hr10) >= TARGET_HR10, `mean HR@10 ${mean(hr10)}`);
    // implicit's ALS reaches HR@50 0.254; popularity only 0.133.
    assert.ok(mean(hr50) >= 0.24, `mean HR@50 ${mean(hr50)}`);
  });
});
