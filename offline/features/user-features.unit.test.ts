import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildUserFeatures } from "./user-features.ts";

const DAY = 86_400_000;
const movies = [
  { itemId: "m1", genres: ["Comedy", "Adventure"] },
  { itemId: "m2", genres: ["Drama"] },
  { itemId: "m3", genres: ["Comedy", "(no genres listed)"] },
];
const ratings = [
  { userId: "u1", itemId: "m1", rating: 5, timestamp: 1 * DAY },
  { userId: "u1", itemId: "m2", rating: 3, timestamp: 2 * DAY },
  { userId: "u1", itemId: "m3", rating: 4, timestamp: 3 * DAY },
  { userId: "u2", itemId: "m1", rating: 2, timestamp: 10 * DAY },
  { userId: "u2", itemId: "m2", rating: 4, timestamp: 5 * DAY },
  // after asOf: must not leak into the features
  { userId: "u1", itemId: "m2", rating: 1, timestamp: 12 * DAY },
  { userId: "u3", itemId: "m2", rating: 1, timestamp: 11 * DAY },
];

function close(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);
}

describe("buildUserFeatures", () => {
  const users = buildUserFeatures(movies, ratings, { asOf: 10 * DAY, likeThreshold: 4 });
  const u1 = users.get("u1");
  const u2 = users.get("u2");

  it("counts and averages only ratings at or before asOf", () => {
    assert.deepEqual([...users.keys()], ["u1", "u2"]);
    assert.deepEqual([u1?.ratingCount, u1?.averageRating, u2?.ratingCount, u2?.averageRating], [3, 4, 2, 3]);
  });

  it("measures recency from asOf, whatever the input order", () => {
    assert.deepEqual([u1?.lastRatingAt, u1?.daysSinceLastRating], [3 * DAY, 7]);
    assert.deepEqual([u2?.lastRatingAt, u2?.daysSinceLastRating], [10 * DAY, 0]);
  });

  it("shrinks genre affinity by n / (n + 5)", () => {
    // u1 mean 4: Comedy ratings 5, 4 -> (4.5 - 4) * 2/7; Adventure 5 -> 1 * 1/6; Drama 3 -> -1 * 1/6.
    assert.deepEqual(Object.keys(u1?.genreAffinity ?? {}), ["Adventure", "Comedy", "Drama"]);
    close(u1?.genreAffinity.Comedy, 1 / 7);
    close(u1?.genreAffinity.Adventure, 1 / 6);
    close(u1?.genreAffinity.Drama, -1 / 6);
    // u2 mean 3: Drama 4 -> +1/6; Comedy and Adventure 2 -> -1/6.
    close(u2?.genreAffinity.Drama, 1 / 6);
    close(u2?.genreAffinity.Comedy, -1 / 6);
    close(u2?.genreAffinity.Adventure, -1 / 6);
  });

  it("shares the user's likes among genres", () => {
    // u1 liked m1 (Comedy, Adventure) and m3 (Comedy); u2 liked m2 (Drama).
    assert.deepEqual(u1?.genreLikedShare, { Adventure: 0.5, Comedy: 1, Drama: 0 });
    assert.deepEqual(u2?.genreLikedShare, { Adventure: 0, Comedy: 0, Drama: 1 });
  });

  it("uses the protocol threshold of 3.5 by default", () => {
    const edge = [
      { userId: "u", itemId: "m1", rating: 5, timestamp: 0 },
      { userId: "u", itemId: "m2", rating: 3.5, timestamp: 0 },
    ];
    const byDefault = buildUserFeatures(movies, edge, { asOf: 0 }).get("u");
    assert.deepEqual(byDefault?.genreLikedShare, { Adventure: 0.5, Comedy: 0.5, Drama: 0.5 });
    const stricter = buildUserFeatures(movies, edge, { asOf: 0, likeThreshold: 4 }).get("u");
    assert.deepEqual(stricter?.genreLikedShare, { Adventure: 1, Comedy: 1, Drama: 0 });
  });
});
