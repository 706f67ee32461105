import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { initialParams, networkLayout } from "./network.ts";
import { createRandom } from "./random.ts";
import { backward, createRowWorkspace, forward, loadRow } from "./row-pass.ts";

describe("forward and backward", () => {
  for (const hidden of [[], [5], [4, 3]]) {
    it(`backward gives the finite-difference gradient of the logit, hidden [${hidden}]`, () => {
      const layout = networkLayout(3, hidden);
      const random = createRandom(3, 0);
      const params = initialParams(layout, random);
      // Non-zero wide weights and biases so every parameter's gradient is exercised.
      for (let k = 0; k < params.length; k++) params[k] = (params[k] as number) + 0.3 * random.normal();
      const workspace = createRowWorkspace(layout);
      const standardisation = { mean: Float64Array.of(1, 2, 3), std: Float64Array.of(2, 0.5, 1) };
      loadRow(Float32Array.of(9, 9, 9, 2.5, -1, 4.5), 1, standardisation, workspace);
      assert.deepEqual(Array.from(workspace.x), [0.75, -6, 1.5]);
      const grads = new Float64Array(layout.size);
      forward(layout, params, workspace);
      backward(layout, params, workspace, 1, grads);
      const step = 1e-6;
      for (let k = 0; k < params.length; k++) {
        const kept = params[k] as number;
        params[k] = kept + step;
        const up = forward(layout, params, workspace);
        params[k] = kept - step;
        const down = forward(layout, params, workspace);
        params[k] = kept;
        const numeric = (up - down) / (2 * step);
        assert.ok(Math.abs(numeric - (grads[k] as number)) < 1e-5, `param ${k}: ${grads[k]} vs ${numeric}`);
      }
    });
  }

  it("lays out the wide part, then each layer's weights and biases, with L2 on weights only", () => {
    const layout = networkLayout(3, [2]);
    assert.deepEqual(layout.layers, [
      { inputs: 3, outputs: 2, weights: 4, biases: 10 },
      { inputs: 2, outputs: 1, weights: 12, biases: 14 },
    ]);
    assert.equal(layout.size, 15);
    assert.deepEqual(Array.from(layout.decays), [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0]);
    assert.deepEqual(networkLayout(4, []).layers, []);
  });
});
