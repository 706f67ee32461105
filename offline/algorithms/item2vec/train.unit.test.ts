import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildCorpus } from "./corpus.ts";
import { DEFAULT_ITEM2VEC_PARAMS, type Item2VecParams } from "./params.ts";
import { plantedCluster, plantedTestCorpus } from "./planted-clusters.ts";
import { similar } from "./similar.ts";
import { trainItem2Vec } from "./train.ts";
import type { TrainProgress } from "./train-options.ts";

const corpus = plantedTestCorpus(7);
const params: Item2VecParams = { ...DEFAULT_ITEM2VEC_PARAMS, dimension: 16, epochs: 5 };

describe("trainItem2Vec in-process", () => {
  it("puts every item's top-5 neighbours in its planted cluster", async () => {
    const model = await trainItem2Vec(corpus, params);
    assert.equal(model.itemIds.length, 100);
    assert.equal(model.vectors.length, 100 * 16);
    const pure = model.itemIds.filter((id) =>
      similar(model, id, 5).every((n) => plantedCluster(n.itemId) === plantedCluster(id)),
    );
    assert.ok(pure.length >= 95, `only ${pure.length} of 100 items have a pure top 5`);
  });

  it("is bit-identical for a seed and differs across seeds", async () => {
    // A threshold low enough that every planted item is sometimes dropped.
    const first = await trainItem2Vec(corpus, { ...params, subsample: 1e-4 });
    const again = await trainItem2Vec(corpus, { ...params, subsample: 1e-4 });
    const other = await trainItem2Vec(corpus, { ...params, subsample: 1e-4, seed: 2 });
    const unsampled = await trainItem2Vec(corpus, params);
    assert.deepEqual(Buffer.from(again.vectors.buffer), Buffer.from(first.vectors.buffer));
    assert.notDeepEqual(Buffer.from(other.vectors.buffer), Buffer.from(first.vectors.buffer));
    assert.notDeepEqual(Buffer.from(unsampled.vectors.buffer), Buffer.from(first.vectors.buffer));
  });

  it("reports each epoch and ends with every token counted", async () => {
    const seen: TrainProgress[] = [];
    await trainItem2Vec(corpus, { ...params, epochs: 3 }, { onProgress: (p) => seen.push(p) });
    const total = corpus.tokens.length * 3;
    assert.deepEqual(
      seen.map((p) => [p.epoch, p.epochs, p.tokensTotal]),
      [1, 2, 3].map((e) => [e, 3, total]),
    );
    assert.equal(seen.at(-1)?.tokensDone, total);
  });

  it("rejects with the abort reason", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const run = trainItem2Vec(corpus, params, {
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await assert.rejects(run, (error) => error === reason);
    await assert.rejects(
      trainItem2Vec(corpus, params, { signal: AbortSignal.abort(reason) }),
      (e) => e === reason,
    );
  });

  it("names the invalid parameter", async () => {
    const cases: [Partial<Item2VecParams>, RegExp][] = [
      [{ dimension: 0 }, /dimension/],
      [{ window: 1.5 }, /window/],
      [{ negatives: -1 }, /negatives/],
      [{ epochs: Number.NaN }, /epochs/],
      [{ threads: 0 }, /threads/],
      [{ subsample: -1 }, /subsample/],
      [{ learningRate: 0 }, /learningRate/],
      [{ minLearningRate: 1 }, /minLearningRate/],
      [{ seed: 0.5 }, /seed/],
    ];
    for (const [change, pattern] of cases) {
      await assert.rejects(trainItem2Vec(corpus, { ...params, ...change }), pattern);
    }
  });

  it("trains an empty corpus to an empty model", async () => {
    const model = await trainItem2Vec(buildCorpus([], 1), params);
    assert.deepEqual(model.itemIds, []);
    assert.equal(model.vectors.length, 0);
  });
});
