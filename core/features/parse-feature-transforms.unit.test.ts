import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { FEATURE_TRANSFORMS_FORMAT } from "./feature-transforms.ts";
import { parseFeatureTransforms } from "./parse-feature-transforms.ts";

function valid(): Record<string, unknown> {
  return {
    formatVersion: FEATURE_TRANSFORMS_FORMAT,
    genres: ["Action", "Comedy"],
    minMax: { year: { min: 1990, max: 2020 } },
    buckets: { year: [2000, 2010] },
    bayesianPrior: { weight: 10, mean: 3.5 },
  };
}

function fieldOfFailure(json: unknown): string | undefined {
  try {
    parseFeatureTransforms(json);
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    assert.ok(error.message.startsWith(`Invalid feature transforms: ${error.field}: `), error.message);
    return error.field;
  }
  assert.fail("expected a ValidationError");
}

describe("parseFeatureTransforms", () => {
  it("accepts a valid spec after a JSON round trip", () => {
    const parsed = parseFeatureTransforms(JSON.parse(JSON.stringify(valid())));
    assert.deepEqual(parsed, valid());
    assert.equal(FEATURE_TRANSFORMS_FORMAT, 1);
  });

  it("names the bad field", () => {
    assert.equal(fieldOfFailure({ ...valid(), formatVersion: 2 }), "formatVersion");
    assert.equal(fieldOfFailure({ ...valid(), buckets: { year: [2010, 2000] } }), "buckets.year");
    assert.equal(fieldOfFailure({ ...valid(), buckets: { year: [1, 1] } }), "buckets.year");
    assert.equal(fieldOfFailure({ ...valid(), buckets: { year: ["x"] } }), "buckets.year.0");
    assert.equal(fieldOfFailure({ ...valid(), minMax: { year: { min: 5, max: 1 } } }), "minMax.year.max");
    assert.equal(fieldOfFailure({ ...valid(), genres: ["Comedy", "Action"] }), "genres");
    assert.equal(
      fieldOfFailure({ ...valid(), bayesianPrior: { weight: -1, mean: 3 } }),
      "bayesianPrior.weight",
    );
    assert.equal(fieldOfFailure({ ...valid(), extra: true }), "extra");
  });

  it("names a missing field and rejects a non-object", () => {
    const { genres: _, ...withoutGenres } = valid();
    assert.equal(fieldOfFailure(withoutGenres), "genres");
    assert.equal(fieldOfFailure(null), "(transforms)");
  });
});
