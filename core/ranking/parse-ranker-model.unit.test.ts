import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { parseRankerModel } from "./parse-ranker-model.ts";
import { fixtureRankerModel } from "./ranker-model.fixture.ts";
import type { RankerModel } from "./ranker-model.ts";

const valid = (): RankerModel => fixtureRankerModel(3, [4, 2]);

function fieldOfFailure(json: unknown): string | undefined {
  try {
    parseRankerModel(json);
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    assert.ok(error.message.startsWith(`Invalid ranker model: ${error.field}: `), error.message);
    return error.field;
  }
  assert.fail("expected a ValidationError");
}

/** A valid model changed by `edit`. */
function edited(edit: (model: RankerModel) => void): RankerModel {
  const model = valid();
  edit(model);
  return model;
}

describe("parseRankerModel", () => {
  it("accepts valid models after a JSON round trip, deep or wide-only", () => {
    assert.deepEqual(parseRankerModel(JSON.parse(JSON.stringify(valid()))), valid());
    const wideOnly = fixtureRankerModel(5, []);
    assert.deepEqual(parseRankerModel(JSON.parse(JSON.stringify(wideOnly))), wideOnly);
  });

  it("names the bad field in the contents", () => {
    assert.equal(fieldOfFailure({ ...valid(), formatVersion: 2 }), "formatVersion");
    assert.equal(fieldOfFailure({ ...valid(), extra: 1 }), "extra");
    assert.equal(fieldOfFailure(edited((m) => m.featureNames.splice(1, 1, "feature0"))), "featureNames");
    assert.equal(fieldOfFailure(edited((m) => (m.featureNames[2] = ""))), "featureNames.2");
    assert.equal(fieldOfFailure({ ...valid(), featureNames: [] }), "featureNames");
    assert.equal(fieldOfFailure(edited((m) => (m.normalisation.std[1] = 0))), "normalisation.std.1");
    assert.equal(fieldOfFailure(edited((m) => (m.wide.weights[0] = Number.NaN))), "wide.weights.0");
    assert.equal(fieldOfFailure(edited((m) => (m.wide.bias = Number.POSITIVE_INFINITY))), "wide.bias");
    assert.equal(
      fieldOfFailure(edited((m) => ((m.deep.layers[1] as { inputs: number }).inputs = 1.5))),
      "deep.layers.1.inputs",
    );
    assert.equal(fieldOfFailure({ ...valid(), deep: { layers: [], more: 1 } }), "deep.more");
  });

  it("names the field whose length or size does not fit the others", () => {
    assert.equal(fieldOfFailure(edited((m) => m.normalisation.mean.pop())), "normalisation.mean");
    assert.equal(fieldOfFailure(edited((m) => m.normalisation.std.push(1))), "normalisation.std");
    assert.equal(fieldOfFailure(edited((m) => m.wide.weights.pop())), "wide.weights");
    assert.equal(fieldOfFailure(edited((m) => m.deep.layers[1]?.weights.pop())), "deep.layers.1.weights");
    assert.equal(fieldOfFailure(edited((m) => m.deep.layers[0]?.biases.push(0))), "deep.layers.0.biases");
    assert.equal(fieldOfFailure(edited((m) => m.deep.layers.shift())), "deep.layers.0.inputs");
    const wrongChain = edited((m) =>
      m.deep.layers.splice(1, 1, { inputs: 3, outputs: 1, weights: [1, 2, 3], biases: [0] }),
    );
    assert.equal(fieldOfFailure(wrongChain), "deep.layers.1.inputs");
    assert.equal(fieldOfFailure(edited((m) => m.deep.layers.pop())), "deep.layers.1.outputs");
  });

  it("rejects what is not a model, and says which fields are missing", () => {
    assert.equal(fieldOfFailure(null), "(model)");
    assert.equal(fieldOfFailure([]), "(model)");
    const { wide: _, ...withoutWide } = valid();
    assert.equal(fieldOfFailure(withoutWide), "wide");
    const error = (() => {
      try {
        parseRankerModel({ formatVersion: 1 });
      } catch (caught) {
        return caught as ValidationError;
      }
    })();
    assert.deepEqual(error?.issues.map((issue) => issue.field).sort(), [
      "deep",
      "featureNames",
      "normalisation",
      "wide",
    ]);
  });
});
