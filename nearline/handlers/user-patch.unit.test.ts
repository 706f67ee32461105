import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FEATURE_FIELDS, genreFields } from "../../core/user-state/index.ts";
import type { ClickEvent, RatingEvent } from "../../schemas/index.ts";
import { clickPatch, ratingPatch } from "./user-patch.ts";

const T = Date.UTC(2020, 0, 1);
const genres: Record<string, readonly string[]> = { m1: ["Comedy", "Drama"], m2: ["Comedy"] };
const context = { genresOf: (itemId: string) => genres[itemId] ?? [] };

function rating(itemId: string, stars: number): RatingEvent {
  return {
    eventId: `e-${itemId}`,
    schemaVersion: 1,
    type: "rating",
    userId: "u1",
    itemId,
    rating: stars,
    timestamp: T,
  };
}

describe("ratingPatch", () => {
  it("counts a liked rating overall and per listed genre, in half stars", () => {
    const patch = ratingPatch(rating("m1", 4.5), { previousLiked: null }, context);
    const comedy = genreFields("Comedy");
    const drama = genreFields("Drama");
    assert.deepEqual(Object.fromEntries(patch.counters), {
      [FEATURE_FIELDS.ratings]: 1,
      [FEATURE_FIELDS.halfStarSum]: 9,
      [FEATURE_FIELDS.liked]: 1,
      [comedy.count]: 1,
      [comedy.halfStarSum]: 9,
      [comedy.liked]: 1,
      [drama.count]: 1,
      [drama.halfStarSum]: 9,
      [drama.liked]: 1,
    });
    assert.deepEqual(patch.history, {
      eventId: "e-m1",
      type: "rating",
      itemId: "m1",
      timestamp: T,
      rating: 4.5,
    });
    assert.equal(patch.ratedAt, T);
    assert.deepEqual(patch.liked, { itemId: "m1", timestamp: T });
    assert.deepEqual(patch.trending, { itemId: "m1", timestamp: T });
    assert.equal(patch.edge, undefined, "no edge without an earlier liked item");
  });

  it("treats 3.5 as liked and 3 as not, with the like counters at 0 and no liked item or edge", () => {
    assert.ok(ratingPatch(rating("m2", 3.5), { previousLiked: null }, context).liked);
    const patch = ratingPatch(rating("m2", 3), { previousLiked: "m1" }, context);
    assert.equal(patch.counters.get(FEATURE_FIELDS.liked), 0);
    assert.equal(patch.counters.get(genreFields("Comedy").liked), 0);
    assert.equal(patch.liked, undefined);
    assert.equal(patch.edge, undefined);
  });

  it("adds the edge from the previous liked item, but never a self-loop", () => {
    assert.deepEqual(ratingPatch(rating("m2", 5), { previousLiked: "m1" }, context).edge, ["m1", "m2"]);
    assert.equal(ratingPatch(rating("m2", 5), { previousLiked: "m2" }, context).edge, undefined);
  });

  it("counts an item missing from the catalogue only overall", () => {
    const patch = ratingPatch(rating("unknown", 2), { previousLiked: null }, context);
    assert.deepEqual(
      [...patch.counters.keys()].sort(),
      [FEATURE_FIELDS.liked, FEATURE_FIELDS.ratings, FEATURE_FIELDS.halfStarSum].sort(),
    );
  });
});

describe("clickPatch", () => {
  it("adds history, the click counter and trending; nothing of the rating state", () => {
    const click: ClickEvent = {
      eventId: "c1",
      schemaVersion: 1,
      type: "click",
      userId: "u1",
      itemId: "m1",
      timestamp: T,
    };
    const patch = clickPatch(click);
    assert.deepEqual(patch.history, { eventId: "c1", type: "click", itemId: "m1", timestamp: T });
    assert.deepEqual(Object.fromEntries(patch.counters), { [FEATURE_FIELDS.clicks]: 1 });
    assert.deepEqual(patch.trending, { itemId: "m1", timestamp: T });
    assert.equal(patch.ratedAt, undefined);
    assert.equal(patch.liked, undefined);
    assert.equal(patch.edge, undefined);
  });
});
