import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFeatureTransforms } from "../../core/features/index.ts";
import { buildItemFeatures } from "./item-features.ts";

const movies = [
  { itemId: "m1", year: 1995, genres: ["Comedy", "Adventure"] },
  { itemId: "m2", year: 2000, genres: ["Drama"] },
  { itemId: "m3", year: null, genres: ["(no genres listed)"] },
];

function rating(itemId: string, value: number) {
  return { userId: "u", itemId, rating: value, timestamp: 0 };
}

// m1: 5, 4, 3 (sum 12); m2: 2, 4 (sum 6); m3: 3. Global mean 21 / 6 = 3.5.
const ratings = [
  rating("m1", 5),
  rating("m1", 4),
  rating("m1", 3),
  rating("m2", 2),
  rating("m2", 4),
  rating("m3", 3),
];

describe("buildItemFeatures", () => {
  const { transforms, items } = buildItemFeatures(movies, ratings, { priorWeight: 2, buckets: 2 });
  const m1 = items.get("m1");
  const m2 = items.get("m2");
  const m3 = items.get("m3");

  it("fits the vocabulary, prior, ranges and boundaries on the data", () => {
    assert.deepEqual(transforms.genres, ["Adventure", "Comedy", "Drama"]);
    assert.deepEqual(transforms.bayesianPrior, { weight: 2, mean: 3.5 });
    // Bayesian averages with prior weight 2: m1 (7 + 12) / 5 = 3.8, m2 (7 + 6) / 4 = 3.25, m3 (7 + 3) / 3.
    assert.deepEqual(transforms.minMax, {
      ratingCountLog1p: { min: Math.log(2), max: Math.log1p(3) },
      bayesianAverage: { min: 3.25, max: 3.8 },
      year: { min: 1995, max: 2000 },
    });
    // Two buckets: the boundary is the sorted value at index floor(n / 2).
    assert.deepEqual(transforms.buckets, { ratingCount: [2], bayesianAverage: [10 / 3], year: [2000] });
    assert.deepEqual(parseFeatureTransforms(JSON.parse(JSON.stringify(transforms))), transforms);
  });

  it("encodes genres, treating the no-genre marker as no genre", () => {
    assert.deepEqual(
      [m1?.genres, m1?.primaryGenre],
      [
        [1, 1, 0],
        [0, 1, 0],
      ],
    );
    assert.deepEqual(
      [m2?.genres, m2?.primaryGenre],
      [
        [0, 0, 1],
        [0, 0, 1],
      ],
    );
    assert.deepEqual(
      [m3?.genres, m3?.primaryGenre],
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
    );
  });

  it("computes statistics and their scaled and bucketed forms", () => {
    assert.deepEqual(
      [m1?.ratingCount, m1?.averageRating, m1?.bayesianAverage, m1?.ratingCountNorm, m1?.bayesianAverageNorm],
      [3, 4, 3.8, 1, 1],
    );
    assert.deepEqual(
      [m1?.ratingCountBucket, m1?.bayesianAverageBucket, m1?.yearBucket, m1?.yearNorm],
      [1, 1, 0, 0],
    );
    assert.deepEqual(
      [m2?.ratingCount, m2?.averageRating, m2?.bayesianAverage, m2?.bayesianAverageNorm],
      [2, 3, 3.25, 0],
    );
    // (ln 3 - ln 2) / (ln 4 - ln 2) = log2(1.5)
    assert.ok(Math.abs((m2?.ratingCountNorm ?? -1) - Math.log2(1.5)) < 1e-12);
    assert.deepEqual(
      [m2?.ratingCountBucket, m2?.bayesianAverageBucket, m2?.yearBucket, m2?.yearNorm],
      [1, 0, 1, 1],
    );
    // (10/3 - 3.25) / 0.55 = 5 / 33
    assert.ok(Math.abs((m3?.bayesianAverageNorm ?? -1) - 5 / 33) < 1e-12);
    assert.deepEqual([m3?.ratingCountNorm, m3?.ratingCountBucket, m3?.bayesianAverageBucket], [0, 0, 1]);
    assert.deepEqual([m3?.year, m3?.yearBucket, m3?.yearNorm], [null, null, null]);
  });

  it("gives an unrated movie the global mean and no average", () => {
    const withUnrated = [...movies, { itemId: "m4", year: 2010, genres: ["Drama"] }];
    const m4 = buildItemFeatures(withUnrated, ratings, { priorWeight: 2, buckets: 2 }).items.get("m4");
    assert.deepEqual([m4?.ratingCount, m4?.averageRating, m4?.bayesianAverage], [0, null, 3.5]);
    assert.deepEqual([m4?.ratingCountNorm, m4?.ratingCountBucket, m4?.yearNorm], [0, 0, 1]);
  });
});
