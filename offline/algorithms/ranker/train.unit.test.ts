import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRankerScorer, parseRankerModel, type RankerModel } from "../../../core/ranking/index.ts";
import { auc } from "./auc.ts";
import { DEFAULT_RANKER_PARAMS, type RankerParams } from "./params.ts";
import { type PlantedRankingOptions, plantedRankingData } from "./planted-data.ts";
import { trainRanker } from "./train.ts";
import type { RankerEpoch, RankerTrainingData } from "./train-options.ts";

const LOGISTIC = { features: 10, linear: 8, linearFeatures: 5, interaction: 0 };
const XOR = { features: 6, linear: 0, linearFeatures: 1, interaction: 6 };

/** A training set and a held-out set drawn from the same planted rule. */
function planted(rule: Omit<PlantedRankingOptions, "rows" | "seed">, rows: number) {
  return {
    train: plantedRankingData({ ...rule, rows, seed: 1 }),
    test: plantedRankingData({ ...rule, rows: 5000, seed: 2 }),
  };
}

function heldOutAuc(model: RankerModel, test: RankerTrainingData): number {
  const scores = new Float32Array(test.rows);
  createRankerScorer(model).score(test.features, test.rows, scores);
  return auc(scores, test.labels);
}

describe("trainRanker", () => {
  it("learns a planted logistic rule over unscaled features", async () => {
    const { train, test } = planted(LOGISTIC, 10_000);
    const { model, history } = await trainRanker(train, DEFAULT_RANKER_PARAMS);
    const best = auc(test.truth, test.labels);
    const learnt = heldOutAuc(model, test);
    assert.ok(learnt > 0.95 && learnt > best - 0.01, `held-out AUC ${learnt}, the rule's own ${best}`);
    assert.deepEqual(model.featureNames, train.featureNames);
    assert.equal(history.trainRows + history.validRows, 10_000);
  });

  it("needs the deep part for an XOR-like interaction", async () => {
    const { train, test } = planted(XOR, 10_000);
    const params = { ...DEFAULT_RANKER_PARAMS, epochs: 30 };
    const wide = await trainRanker(train, { ...params, hidden: [] });
    const deep = await trainRanker(train, { ...params, hidden: [16] });
    assert.equal(wide.model.deep.layers.length, 0);
    const wideAuc = heldOutAuc(wide.model, test);
    const deepAuc = heldOutAuc(deep.model, test);
    assert.ok(wideAuc < 0.6, `wide-only AUC ${wideAuc}`);
    assert.ok(deepAuc > 0.95, `wide & deep AUC ${deepAuc}`);
  });

  it("is identical for a seed and differs across seeds", async () => {
    const { train } = planted(XOR, 2000);
    const params: RankerParams = { ...DEFAULT_RANKER_PARAMS, epochs: 3, hidden: [8] };
    const first = await trainRanker(train, params);
    assert.deepEqual(await trainRanker(train, params), first);
    const other = await trainRanker(train, { ...params, seed: 2 });
    assert.notDeepEqual(other.model.deep, first.model.deep);
  });

  it("scores the same after a JSON round trip of the model", async () => {
    const { train, test } = planted(LOGISTIC, 2000);
    const { model } = await trainRanker(train, { ...DEFAULT_RANKER_PARAMS, epochs: 2 });
    const restored = parseRankerModel(JSON.parse(JSON.stringify(model)));
    const before = new Float32Array(test.rows);
    const after = new Float32Array(test.rows);
    createRankerScorer(model, { output: "logit" }).score(test.features, test.rows, before);
    createRankerScorer(restored, { output: "logit" }).score(test.features, test.rows, after);
    assert.deepEqual(after, before);
  });

  it("stops after `patience` epochs without progress and keeps the best epoch's weights", async () => {
    // Labels without signal: the network can only overfit, so the validation loss soon rises.
    const noise = {
      ...plantedRankingData({ ...XOR, interaction: 0, rows: 1000, seed: 3 }),
      groups: undefined,
    };
    const params: RankerParams = {
      ...DEFAULT_RANKER_PARAMS,
      hidden: [32],
      epochs: 50,
      batchSize: 32,
      patience: 2,
    };
    const seen: RankerEpoch[] = [];
    const stopped = await trainRanker(noise, params, { onProgress: (p) => seen.push(p) });
    const { epochs, bestEpoch } = stopped.history;
    assert.ok(stopped.history.stoppedEarly);
    assert.deepEqual(seen, epochs);
    assert.equal(epochs.length, bestEpoch + 2);
    const lowest = Math.min(...epochs.map((e) => e.validLoss));
    assert.equal(epochs[bestEpoch - 1]?.validLoss, lowest);
    // The same run cut at the best epoch ends with the same weights.
    const cut = await trainRanker(noise, { ...params, epochs: bestEpoch });
    assert.deepEqual(cut.model, stopped.model);
  });

  it("trains every epoch on all rows without validation", async () => {
    const { train } = planted(LOGISTIC, 500);
    const { history } = await trainRanker(train, { ...DEFAULT_RANKER_PARAMS, epochs: 3, validationShare: 0 });
    assert.deepEqual(
      history.epochs.map((e) => [e.epoch, e.epochs, Number.isNaN(e.validLoss), e.trainLoss > 0]),
      [1, 2, 3].map((epoch) => [epoch, 3, true, true]),
    );
    assert.deepEqual(
      [history.bestEpoch, history.stoppedEarly, history.trainRows, history.validRows],
      [3, false, 500, 0],
    );
  });

  it("rejects with the abort reason", async () => {
    const { train } = planted(LOGISTIC, 500);
    const controller = new AbortController();
    const reason = new Error("stop");
    const run = trainRanker(train, DEFAULT_RANKER_PARAMS, {
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await assert.rejects(run, (error) => error === reason);
  });

  it("rejects bad data and parameters, naming them", async () => {
    const { train } = planted(LOGISTIC, 100);
    const reject = (data: RankerTrainingData, params: RankerParams, pattern: RegExp) =>
      assert.rejects(trainRanker(data, params), pattern);
    await reject(
      { ...train, labels: train.labels.map(() => 2) },
      DEFAULT_RANKER_PARAMS,
      /labels\[0\] must be 0 or 1/,
    );
    const features = train.features.slice();
    features[23] = Number.NaN;
    await reject({ ...train, features }, DEFAULT_RANKER_PARAMS, /features: f3 of row 2 is NaN/);
    await reject({ ...train, rows: 99 }, DEFAULT_RANKER_PARAMS, /features must hold/);
    await reject({ ...train, groups: new Int32Array(3) }, DEFAULT_RANKER_PARAMS, /groups must hold/);
    await reject(
      train,
      { ...DEFAULT_RANKER_PARAMS, hidden: [8, 0] },
      /hidden\[1\] must be a positive integer/,
    );
    await reject(train, { ...DEFAULT_RANKER_PARAMS, validationShare: 1 }, /validationShare must be/);
    await reject(train, { ...DEFAULT_RANKER_PARAMS, learningRate: 0 }, /learningRate must be/);
  });
});
