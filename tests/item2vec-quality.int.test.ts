import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildCorpus, DEFAULT_ITEM2VEC_PARAMS, trainItem2Vec } from "../offline/algorithms/item2vec/index.ts";
import {
  evaluateScorer,
  LIKE_THRESHOLD,
  lastLikedScorer,
  meanOfLikedScorer,
  splitLeaveLastOut,
} from "../offline/evaluate/index.ts";
import { loadSharedMovieLens } from "./support/shared-data.ts";

/** gensim 4's Item2Vec on this split, scored from the user's last liked item (../shared/docs/benchmarks.md). */
const GENSIM_HR10 = 0.051;

describe("Item2Vec quality on ml-latest-small (leave-last-out)", () => {
  it("reaches HR@10 within 10% of gensim's from the last liked item, and ten times chance from the mean", async () => {
    const { ratings, catalogue } = await loadSharedMovieLens();
    const split = splitLeaveLastOut(ratings);
    assert.equal(split.heldOut.size, 607);
    const sentences = [...split.trainByUser.values()].map((list) =>
      list.filter((r) => r.rating >= LIKE_THRESHOLD).map((r) => r.itemId),
    );
    const params = { ...DEFAULT_ITEM2VEC_PARAMS, threads: 1, seed: 1 };
    const model = await trainItem2Vec(buildCorpus(sentences, params.minCount), params);
    const last = evaluateScorer(split, catalogue, lastLikedScorer("item2vec-last", model, catalogue));
    const mean = evaluateScorer(split, catalogue, meanOfLikedScorer("item2vec-mean", model, catalogue));
    process.stderr.write(`# item2vec HR@10: last ${last.hr10.toFixed(4)}, mean ${mean.hr10.toFixed(4)}\n`);
    assert.ok(last.hr10 >= GENSIM_HR10 * 0.9, `HR@10 from the last liked item is ${last.hr10}`);
    // A random ranking hits with probability about 10 / catalogue size.
    const chance = 10 / catalogue.length;
    assert.ok(mean.hr10 >= 10 * chance, `HR@10 from the mean of liked items is ${mean.hr10}`);
  });
});
