import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { FEATURE_TRANSFORMS_FORMAT, type FeatureTransforms } from "./feature-transforms.ts";
import { encodeItem } from "./item-encoding.ts";

const transforms: FeatureTransforms = {
  formatVersion: FEATURE_TRANSFORMS_FORMAT,
  genres: ["Action", "Comedy", "Drama"],
  minMax: {
    ratingCountLog1p: { min: 0, max: Math.log1p(99) },
    bayesianAverage: { min: 3, max: 4 },
    year: { min: 1980, max: 2020 },
  },
  buckets: { ratingCount: [10], bayesianAverage: [3.5], year: [2000] },
  bayesianPrior: { weight: 10, mean: 3.5 },
};

describe("encodeItem", () => {
  it("applies stored transforms to a fresh item the fit never saw", () => {
    const features = encodeItem(
      {
        itemId: "new",
        year: 2030,
        genres: ["Drama", "Western", "Action"],
        ratingCount: 9,
        averageRating: 4.5,
        bayesianAverage: 3.75,
      },
      transforms,
    );
    assert.deepEqual(features.genres, [1, 0, 1]);
    assert.deepEqual(features.primaryGenre, [0, 0, 1]);
    assert.equal(features.yearNorm, 1);
    assert.equal(features.yearBucket, 1);
    assert.equal(features.ratingCountNorm, 0.5); // log1p(9) / log1p(99) = ln 10 / ln 100
    assert.equal(features.ratingCountBucket, 0);
    assert.equal(features.bayesianAverageNorm, 0.75);
    assert.equal(features.bayesianAverageBucket, 1);
    assert.equal(features.averageRating, 4.5);
  });

  it("keeps an unknown year null and a genre-less item all zeros", () => {
    const features = encodeItem(
      {
        itemId: "x",
        year: null,
        genres: ["(no genres listed)"],
        ratingCount: 0,
        averageRating: null,
        bayesianAverage: 3.5,
      },
      transforms,
    );
    assert.equal(features.yearNorm, null);
    assert.equal(features.yearBucket, null);
    assert.deepEqual(features.genres, [0, 0, 0]);
    assert.deepEqual(features.primaryGenre, [0, 0, 0]);
    assert.equal(features.ratingCountNorm, 0);
  });

  it("names a transform the spec lacks", () => {
    const { year: _, ...minMax } = transforms.minMax;
    const item = {
      itemId: "a",
      year: 1999,
      genres: [],
      ratingCount: 1,
      averageRating: 4,
      bayesianAverage: 3.6,
    };
    assert.throws(
      () => encodeItem(item, { ...transforms, minMax }),
      (error) => error instanceof ValidationError && error.field === "minMax.year",
    );
  });
});
