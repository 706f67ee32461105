import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixtureRankerModel } from "./ranker-model.fixture.ts";
import type { RankerModel } from "./ranker-model.ts";
import { createRankerScorer } from "./ranker-scorer.ts";

/** The model's definition written plainly, one row and one layer at a time, with arrays and no scratch reuse. */
function referenceLogit(model: RankerModel, row: readonly number[]): number {
  const x = row.map(
    (value, j) => (value - (model.normalisation.mean[j] as number)) / (model.normalisation.std[j] as number),
  );
  let wide = model.wide.bias;
  x.forEach((value, j) => {
    wide += (model.wide.weights[j] as number) * value;
  });
  let activations = x;
  model.deep.layers.forEach((layer, l) => {
    activations = layer.biases.map((bias, o) => {
      let sum = bias;
      for (let i = 0; i < layer.inputs; i++)
        sum += (layer.weights[o * layer.inputs + i] as number) * (activations[i] as number);
      return l + 1 < model.deep.layers.length ? Math.max(0, sum) : sum;
    });
  });
  return wide + (model.deep.layers.length > 0 ? (activations[0] as number) : 0);
}

function randomFeatures(rows: number, width: number): Float32Array {
  return Float32Array.from({ length: rows * width }, (_, k) => Math.sin(k * 12.9898) * 20);
}

function rowOf(features: Float32Array, width: number, r: number): number[] {
  return Array.from(features.subarray(r * width, (r + 1) * width));
}

function assertClose(actual: Float32Array, expected: readonly number[]): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((value, r) => {
    const tolerance = 1e-6 * Math.max(1, Math.abs(value));
    assert.ok(Math.abs((actual[r] as number) - value) <= tolerance, `row ${r}: ${actual[r]} vs ${value}`);
  });
}

describe("createRankerScorer", () => {
  for (const hidden of [[], [8], [6, 5]]) {
    it(`matches the reference for hidden [${hidden}] and every block tail`, () => {
      const width = 7;
      const model = fixtureRankerModel(width, hidden);
      const logits = createRankerScorer(model, { output: "logit" });
      const probabilities = createRankerScorer(model);
      assert.equal(probabilities.output, "probability");
      for (const rows of [1, 2, 3, 4, 5, 11]) {
        const features = randomFeatures(rows, width);
        const expected = Array.from({ length: rows }, (_, r) =>
          referenceLogit(model, rowOf(features, width, r)),
        );
        const out = new Float32Array(rows);
        logits.score(features, rows, out);
        assertClose(out, expected);
        probabilities.score(features, rows, out);
        assertClose(
          out,
          expected.map((z) => 1 / (1 + Math.exp(-z))),
        );
      }
    });
  }

  it("gives the same scores to a row wherever it sits and whatever was scored before", () => {
    const width = 5;
    const scorer = createRankerScorer(fixtureRankerModel(width, [4]), { output: "logit" });
    const features = randomFeatures(9, width);
    const all = new Float32Array(9);
    scorer.score(features, 9, all);
    const single = new Float32Array(1);
    for (let r = 8; r >= 0; r--) {
      scorer.score(features.subarray(r * width), 1, single);
      assert.equal(single[0], all[r]);
    }
  });

  it("writes only the first `rows` scores and accepts zero rows", () => {
    const scorer = createRankerScorer(fixtureRankerModel(3, [2]));
    const out = new Float32Array(6).fill(-7);
    scorer.score(randomFeatures(6, 3), 3, out);
    assert.deepEqual(Array.from(out.subarray(3)), [-7, -7, -7]);
    assert.ok(out.subarray(0, 3).every((p) => p > 0 && p < 1));
    scorer.score(new Float32Array(0), 0, new Float32Array(0));
  });

  it("rejects calls whose buffers are too short and models whose shapes disagree", () => {
    const scorer = createRankerScorer(fixtureRankerModel(3, [2]));
    assert.throws(
      () => scorer.score(new Float32Array(8), 3, new Float32Array(3)),
      /features holds 8 values, 3 rows need 9/,
    );
    assert.throws(() => scorer.score(new Float32Array(9), 3, new Float32Array(2)), /out holds 2 scores/);
    assert.throws(
      () => scorer.score(new Float32Array(9), 1.5, new Float32Array(2)),
      /rows must be an integer/,
    );
    const broken = fixtureRankerModel(3, [2]);
    broken.wide.weights.pop();
    assert.throws(
      () => createRankerScorer(broken),
      /Ranker model: wide\.weights: must have one entry per feature name/,
    );
  });

  it("keeps its own copy of the weights", () => {
    const model = fixtureRankerModel(3, [2]);
    const scorer = createRankerScorer(model);
    const features = randomFeatures(2, 3);
    const before = new Float32Array(2);
    scorer.score(features, 2, before);
    model.wide.weights.fill(100);
    const after = new Float32Array(2);
    scorer.score(features, 2, after);
    assert.deepEqual(after, before);
  });
});
