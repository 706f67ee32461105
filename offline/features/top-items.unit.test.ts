import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bayesianAverage, ItemStatsAccumulator } from "./item-stats.ts";
import { mostPopular, summariseItems, topItemsByGenre } from "./top-items.ts";

function statsOf(rows: [string, number][]) {
  const acc = new ItemStatsAccumulator();
  for (const [itemId, rating] of rows) acc.add({ itemId, rating });
  return acc.result();
}

describe("item statistics", () => {
  it("computes the Bayesian average by hand", () => {
    // prior 2 ratings at mean 3, plus ratings 5 and 5: (2*3 + 10) / 4 = 4
    assert.equal(bayesianAverage(10, 2, 3, 2), 4);
    assert.equal(bayesianAverage(0, 0, 3.5, 10), 3.5);
  });

  it("ranks a well-rated popular item above a single perfect rating", () => {
    const rows: [string, number][] = [["lonely", 5]];
    for (let i = 0; i < 50; i++) rows.push(["classic", 4.5]);
    for (let i = 0; i < 20; i++) rows.push(["meh", 2]);
    const stats = statsOf(rows);
    assert.equal(stats.ratings, 71);
    const summaries = summariseItems(stats, 10);
    const movies = [
      { itemId: "lonely", genres: ["Drama"] },
      { itemId: "classic", genres: ["Drama", "Comedy"] },
      { itemId: "meh", genres: ["Comedy"] },
      { itemId: "unrated", genres: ["Comedy"] },
    ];
    const top = topItemsByGenre(movies, summaries, 10);
    assert.deepEqual(
      top.get("Drama")?.map((s) => s.itemId),
      ["classic", "lonely"],
    );
    assert.deepEqual(
      top.get("Comedy")?.map((s) => s.itemId),
      ["classic", "meh"],
    );
    assert.deepEqual(
      mostPopular(summaries, 2).map((s) => s.itemId),
      ["classic", "meh"],
    );
    assert.equal(summaries.get("classic")?.averageRating, 4.5);
  });

  it("breaks ties deterministically by id", () => {
    const summaries = summariseItems(
      statsOf([
        ["b", 4],
        ["a", 4],
      ]),
      1,
    );
    const top = topItemsByGenre(
      [
        { itemId: "b", genres: ["X"] },
        { itemId: "a", genres: ["X"] },
      ],
      summaries,
      5,
    );
    assert.deepEqual(
      top.get("X")?.map((s) => s.itemId),
      ["a", "b"],
    );
  });
});
