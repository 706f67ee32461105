import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CacheWrite } from "../../core/ports/index.ts";
import { trendingIncrement } from "../../core/trending.ts";
import {
  addToMean,
  decodeRunningMean,
  emptyRunningMean,
  encodeHistoryEntry,
  FEATURE_FIELDS,
} from "../../core/user-state/index.ts";
import { cacheKeys, type RatingEvent } from "../../schemas/index.ts";
import { ratingPatch } from "../handlers/user-patch.ts";
import { BatchWrites } from "./batch-writes.ts";
import { emptyUserState, type UserState } from "./user-state.ts";

const keys = cacheKeys();
const T = Date.UTC(2020, 0, 1);
const HOUR = 3_600_000;
const settings = {
  keys,
  historySize: 3,
  likedSize: 5,
  userTtlMs: 24 * HOUR,
  dedupeMs: 12 * HOUR,
  trendingHalfLifeMs: HOUR,
};
const noGenres = { genresOf: () => [] };

function rating(userId: string, itemId: string, stars: number, minute: number): RatingEvent {
  const timestamp = T + minute * 60_000;
  return {
    eventId: `${userId}-${itemId}`,
    schemaVersion: 1,
    type: "rating",
    userId,
    itemId,
    rating: stars,
    timestamp,
  };
}

const ofKey = (writes: CacheWrite[], key: string) => writes.filter((w) => w.key === key);

describe("BatchWrites", () => {
  it("pushes a user's history and likes once, oldest first, capped and with the user TTL", () => {
    const writes = new BatchWrites(settings);
    const a = rating("u1", "m1", 4, 0);
    const b = rating("u1", "m2", 2, 1);
    writes.add("u1", ratingPatch(a, { previousLiked: null }, noGenres));
    writes.add("u1", ratingPatch(b, { previousLiked: "m1" }, noGenres));
    const out = writes.writes(new Map([["u1", emptyUserState("u1")]]), null);
    const entry = (e: RatingEvent) =>
      encodeHistoryEntry({
        eventId: e.eventId,
        type: "rating",
        itemId: e.itemId,
        timestamp: e.timestamp,
        rating: e.rating,
      });
    assert.deepEqual(ofKey(out, keys.userHistory("u1")), [
      {
        op: "lpush",
        key: keys.userHistory("u1"),
        values: [entry(a), entry(b)],
        cap: 3,
        ttlMs: settings.userTtlMs,
      },
    ]);
    assert.deepEqual(ofKey(out, keys.userLiked("u1")), [
      {
        op: "lpush",
        key: keys.userLiked("u1"),
        values: [`m1|${a.timestamp}`],
        cap: 5,
        ttlMs: settings.userTtlMs,
      },
    ]);
  });

  it("writes counter totals (stored + this batch) and the state's scalar fields in one HSET", () => {
    const writes = new BatchWrites(settings);
    writes.add("u1", ratingPatch(rating("u1", "m1", 4, 0), { previousLiked: null }, noGenres));
    writes.add("u1", ratingPatch(rating("u1", "m2", 2.5, 1), { previousLiked: "m1" }, noGenres));
    const state: UserState = {
      ...emptyUserState("u1"),
      stored: {
        [FEATURE_FIELDS.ratings]: "3",
        [FEATURE_FIELDS.halfStarSum]: "20",
        [FEATURE_FIELDS.clicks]: "4",
      },
      lastRatingAt: T + 60_000,
      previousLiked: "m1",
      previousLikedAt: T,
    };
    const feat = ofKey(writes.writes(new Map([["u1", state]]), null), keys.userFeatures("u1"));
    assert.deepEqual(feat, [
      {
        op: "hset",
        key: keys.userFeatures("u1"),
        fields: {
          [FEATURE_FIELDS.ratings]: "5",
          [FEATURE_FIELDS.halfStarSum]: "33",
          [FEATURE_FIELDS.liked]: "1",
          [FEATURE_FIELDS.lastRatingAt]: String(T + 60_000),
          [FEATURE_FIELDS.previousLiked]: "m1",
          [FEATURE_FIELDS.previousLikedAt]: String(T),
        },
        ttlMs: settings.userTtlMs,
      },
    ]);
  });

  it("adds each graph edge and trending member once per batch, summed over users", () => {
    const writes = new BatchWrites(settings);
    for (const user of ["u1", "u2"])
      writes.add(user, ratingPatch(rating(user, "m2", 5, 2), { previousLiked: "m1" }, noGenres));
    const states = new Map(["u1", "u2"].map((u) => [u, emptyUserState(u)]));
    const out = writes.writes(states, null);
    assert.deepEqual(ofKey(out, keys.itemNext("m1")), [
      { op: "zincrby", key: keys.itemNext("m1"), member: "m2", by: 2 },
    ]);
    const { epoch, weight } = trendingIncrement(T + 120_000, HOUR);
    const trendKey = keys.trendingEpoch(60, epoch);
    const trending = ofKey(out, trendKey);
    assert.equal(trending.length, 1);
    assert.deepEqual(trending[0], {
      op: "zincrby",
      key: trendKey,
      member: "m2",
      by: 2 * weight,
      ttlMs: 3 * 32 * HOUR,
    });
  });

  it("writes the sums and the mean of each changed model, only when a version is active", () => {
    const state = emptyUserState("u1");
    const mean = emptyRunningMean(2);
    addToMean(mean, Float32Array.of(1, 3));
    addToMean(mean, Float32Array.of(3, 5));
    state.means.set("item2vec", mean);
    state.means.set("deepwalk", emptyRunningMean(2));
    state.changedMeans.add("item2vec");
    const writes = new BatchWrites(settings);
    writes.add("u1", ratingPatch(rating("u1", "m1", 4, 0), { previousLiked: null }, noGenres));
    assert.equal(writes.writes(new Map([["u1", state]]), null).filter((w) => w.op === "setVector").length, 0);
    const vectors = writes.writes(new Map([["u1", state]]), "v1").filter((w) => w.op === "setVector");
    assert.deepEqual(
      vectors.map((w) => w.key).sort(),
      [keys.userEmbedding("u1", "item2vec", "v1"), keys.userEmbeddingSums("u1", "item2vec", "v1")].sort(),
    );
    const byKey = new Map(vectors.map((w) => [w.key, w.op === "setVector" ? w.vector : null]));
    assert.deepEqual(byKey.get(keys.userEmbedding("u1", "item2vec", "v1")), Float32Array.of(2, 4));
    const sums = decodeRunningMean(
      byKey.get(keys.userEmbeddingSums("u1", "item2vec", "v1")) as Float32Array,
      2,
    );
    assert.deepEqual(sums && { sum: [...sums.sum], weight: sums.weight }, { sum: [4, 8], weight: 2 });
  });
});
