import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { UserFeatures } from "../../core/features/index.ts";
import type { ScoredMember } from "../../core/ports/index.ts";
import { currentEpoch, decayedCount } from "../../core/trending.ts";
import { cacheKeys } from "../../schemas/index.ts";
import { createItemVectors } from "../lookup/item-vectors.ts";
import type { ItemVectors } from "../lookup/types.ts";
import { createChannels, prepareRecall } from "./channels.ts";
import { alsChannel, item2vecMeanChannel, lastLikedChannel } from "./embedding-channels.ts";
import { genreChannel, preferredGenres } from "./genre-channel.ts";
import { graphChannel } from "./graph-channel.ts";
import { recentChannel, topRatedChannel } from "./list-channels.ts";
import { popularityChannel, popularityTable } from "./popularity-channel.ts";
import { fixtureContext, fixtureItems, fixtureSnapshot, fixtureUser } from "./serving.fixture.ts";
import { trendingChannel } from "./trending-channel.ts";
import type { RecallContext, SortedSetReader } from "./types.ts";

const ids = (hits: { itemId: string }[]) => hits.map((h) => h.itemId);
const catalogue = fixtureItems(
  ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"].map((itemId) => ({
    itemId,
    genres: Number(itemId) % 2 === 0 ? ["Drama"] : ["Comedy"],
  })),
);

function features(likedShare: Record<string, number>, affinity: Record<string, number> = {}): UserFeatures {
  return {
    userId: "u",
    ratingCount: 3,
    averageRating: 4,
    lastRatingAt: 0,
    daysSinceLastRating: 0,
    genreAffinity: affinity,
    genreLikedShare: likedShare,
  };
}

/** A reader over fixed sorted sets, recording what it was asked. */
function reader(sets: Record<string, ScoredMember[]>, asked: string[] = []): SortedSetReader {
  return async (keys, count) => {
    asked.push(...keys);
    return keys.map((key) => (sets[key] ?? []).slice(0, count));
  };
}

describe("genre channel", () => {
  const snapshot = fixtureSnapshot({
    items: catalogue,
    genreTop: new Map([
      ["Drama", ["2", "4", "6", "8", "10"]],
      ["Comedy", ["1", "3", "5", "7", "9"]],
      ["Horror", ["9"]],
    ]),
  });

  it("prefers genres by liked share, then affinity, then the genres of recent actions", () => {
    const byShare = fixtureUser("u", [], { features: features({ Drama: 0.75, Comedy: 0.25, Western: 1 }) });
    assert.deepEqual(
      preferredGenres(byShare, snapshot).map((g) => g.genre),
      ["Drama", "Comedy"],
      "Western has no top list",
    );
    const byAffinity = fixtureUser("u", [], { features: features({ Drama: 0 }, { Comedy: 0.5, Drama: -1 }) });
    assert.deepEqual(
      preferredGenres(byAffinity, snapshot).map((g) => g.genre),
      ["Comedy"],
    );
    const byActions = fixtureUser("u", [
      { itemId: "1", timestamp: 1 },
      { itemId: "3", timestamp: 2 },
      { itemId: "2", timestamp: 3 },
    ]);
    assert.deepEqual(preferredGenres(byActions, snapshot), [
      { genre: "Comedy", weight: 2 },
      { genre: "Drama", weight: 1 },
    ]);
  });

  it("interleaves the genres' top lists by weight, without seen items", async () => {
    const user = fixtureUser("u", [{ itemId: "4", rating: 5, timestamp: 1 }], {
      features: features({ Drama: 2 / 3, Comedy: 1 / 3 }),
    });
    const hits = await genreChannel().recall(fixtureContext(snapshot, user), 6);
    // D'Hondt quotients: Drama 2/3 -> 2; Drama 1/3 ties Comedy 1/3, the stronger genre wins -> 6 (4 is seen);
    // Comedy 1/3 -> 1; Drama 2/9 -> 8; Drama 1/6 ties Comedy 1/6 -> 10; Comedy 1/6 -> 3.
    assert.deepEqual(ids(hits), ["2", "6", "1", "8", "10", "3"]);
    for (let i = 1; i < hits.length; i++) {
      assert.ok((hits[i - 1]?.score as number) >= (hits[i]?.score as number), "scores never increase");
    }
  });
});

describe("list channels", () => {
  const snapshot = fixtureSnapshot({
    items: catalogue,
    genreTop: new Map([["*", ["3", "1", "2", "5"]]]),
    recentReleases: ["10", "9", "8"],
  });
  const user = fixtureUser("u", [{ itemId: "1", rating: 4, timestamp: 1 }]);

  it("top-rated returns the all-genres list without seen items", async () => {
    const hits = await topRatedChannel().recall(fixtureContext(snapshot, user), 2);
    assert.deepEqual(hits, [
      { itemId: "3", score: 1 },
      { itemId: "2", score: 1 / 3 },
    ]);
  });

  it("recent returns the newest releases", async () => {
    assert.deepEqual(ids(await recentChannel().recall(fixtureContext(snapshot, user), 5)), ["10", "9", "8"]);
  });
});

describe("popularity channel", () => {
  const snapshot = fixtureSnapshot({
    items: catalogue,
    // The popular list is cut short and orders its ties its own way; item stats hold every count.
    popular: [
      { itemId: "7", count: 9 },
      { itemId: "5", count: 9 },
    ],
    itemStats: new Map([
      ["5", { ratingCount: 9, averageRating: 4, bayesianAverage: 4 }],
      ["7", { ratingCount: 9, averageRating: 3, bayesianAverage: 3 }],
      ["10", { ratingCount: 4, averageRating: 3, bayesianAverage: 3 }],
      ["2", { ratingCount: 4, averageRating: 3, bayesianAverage: 3 }],
    ]),
  });
  const user = fixtureUser("u", [{ itemId: "2", rating: 2, timestamp: 1 }]);

  it("recalls by rating count, ties in catalogue order, then the unrated", async () => {
    const hits = await popularityChannel().recall(fixtureContext(snapshot, user), 4);
    assert.deepEqual(hits, [
      { itemId: "5", score: 9 },
      { itemId: "7", score: 9 },
      { itemId: "10", score: 4 },
      { itemId: "1", score: 0 },
    ]);
  });

  it("scores any item by its count (0 when nobody rated it)", () => {
    const scores = popularityChannel().score?.(fixtureContext(snapshot, user), ["10", "3", "2"]);
    assert.deepEqual([...(scores ?? [])], [4, 0, 4]);
  });
});

describe("trending channel", () => {
  const halfLifeMinutes = 60;
  const halfLifeMs = halfLifeMinutes * 60_000;
  const now = 1_000 * halfLifeMs;
  const epoch = currentEpoch(now, halfLifeMs);
  const keys = cacheKeys();
  const sets = {
    [keys.trendingEpoch(halfLifeMinutes, epoch)]: [
      { member: "3", score: 2 ** 20 },
      { member: "4", score: 2 ** 19 },
    ],
    [keys.trendingEpoch(halfLifeMinutes, epoch - 1)]: [
      { member: "4", score: 2 ** 52 },
      { member: "999", score: 2 ** 53 },
    ],
  };
  const snapshot = fixtureSnapshot({ items: catalogue });

  it("sums decayed counts of the current and previous epoch; drops seen and unknown items", async () => {
    const asked: string[] = [];
    const channel = trendingChannel({ readSortedSets: reader(sets, asked), halfLifeMinutes });
    const user = fixtureUser("u", [{ itemId: "5", rating: 4, timestamp: 1 }]);
    const hits = await channel.recall({ ...fixtureContext(snapshot, user), now }, 5);
    assert.deepEqual(asked, [keys.trendingEpoch(60, epoch), keys.trendingEpoch(60, epoch - 1)]);
    const count4 =
      decayedCount(2 ** 19, epoch, now, halfLifeMs) + decayedCount(2 ** 52, epoch - 1, now, halfLifeMs);
    const count3 = decayedCount(2 ** 20, epoch, now, halfLifeMs);
    assert.deepEqual(hits, [
      { itemId: "4", score: count4 },
      { itemId: "3", score: count3 },
    ]);
    assert.ok(count4 > count3);
  });

  it("fails when the cache fails (recall reports the channel)", async () => {
    const failing: SortedSetReader = async () => {
      throw new Error("down");
    };
    const channel = trendingChannel({ readSortedSets: failing, halfLifeMinutes });
    await assert.rejects(
      async () => channel.recall(fixtureContext(snapshot, fixtureUser("u", [])), 5),
      /down/,
    );
  });
});

describe("graph channel", () => {
  const keys = cacheKeys();
  const snapshot = fixtureSnapshot({
    items: catalogue,
    graphNext: (itemId, k) =>
      (
        ({
          "1": [
            { itemId: "2", weight: 3 },
            { itemId: "6", weight: 1 },
          ],
          "3": [{ itemId: "6", weight: 2 }],
        }) as Record<string, { itemId: string; weight: number }[]>
      )[itemId]?.slice(0, k) ?? [],
  });
  const user = fixtureUser("u", [
    { itemId: "1", rating: 5, timestamp: 1 },
    { itemId: "3", timestamp: 2 },
  ]);

  it("sums live and published successor weights of the newest items", async () => {
    const asked: string[] = [];
    const live = {
      [keys.itemNext("3")]: [
        { member: "7", score: 4 },
        { member: "1", score: 9 },
      ],
    };
    const channel = graphChannel({ readSortedSets: reader(live, asked) });
    const hits = await channel.recall(fixtureContext(snapshot, user), 5);
    assert.deepEqual(asked, [keys.itemNext("3"), keys.itemNext("1")], "newest first");
    assert.deepEqual(hits, [
      { itemId: "7", score: 4 },
      { itemId: "2", score: 3 },
      { itemId: "6", score: 3 },
    ]);
  });

  it("answers from the published graph when the live edges fail, reporting the loss", async () => {
    const reasons: string[] = [];
    const channel = graphChannel({
      readSortedSets: async () => {
        throw new Error("down");
      },
    });
    const context: RecallContext = {
      ...fixtureContext(snapshot, user),
      reportFailure: (r) => reasons.push(r),
    };
    assert.deepEqual(ids(await channel.recall(context, 5)), ["2", "6"]);
    assert.deepEqual(reasons, ["error"]);
  });

  it("limits the start items to the newest few", async () => {
    const asked: string[] = [];
    const channel = graphChannel({ readSortedSets: reader({}, asked), recentItems: 1 });
    await channel.recall(fixtureContext(snapshot, user), 5);
    assert.deepEqual(asked, [keys.itemNext("3")]);
  });
});

describe("embedding channels", () => {
  // Items 1..6 in two clusters; 7 is unknown to the model.
  const table = {
    "1": [1, 0, 0],
    "2": [0.9, 0.1, 0],
    "3": [0.8, 0.3, 0],
    "4": [0, 1, 0],
    "5": [0, 0.9, 0.2],
    "6": [0, 0, 1],
  } as Record<string, number[]>;
  const vectorIds = Object.keys(table).sort((a, b) => Number(a) - Number(b));
  const build = (model: string, metric: "cosine" | "dot"): ItemVectors =>
    createItemVectors(
      {
        model,
        ids: vectorIds,
        dimension: 3,
        vectors: Float32Array.from(vectorIds.flatMap((id) => table[id] as number[])),
      },
      metric,
    );
  const snapshot = fixtureSnapshot({
    items: catalogue,
    embeddings: new Map([
      ["item2vec", build("item2vec", "cosine")],
      ["deepwalk", build("deepwalk", "cosine")],
      ["als", build("als", "dot")],
    ]),
  });

  it("item2vec-mean recalls by cosine with the mean of the liked unit vectors, without seen items", async () => {
    const user = fixtureUser("u", [
      { itemId: "1", rating: 5, timestamp: 1 },
      { itemId: "4", rating: 4, timestamp: 2 },
      { itemId: "6", rating: 2, timestamp: 3 },
    ]);
    const hits = await item2vecMeanChannel().recall(fixtureContext(snapshot, user), 3);
    // Query (0.5, 0.5, 0): 2 and 5 and 3 by cosine.
    assert.deepEqual(ids(hits), ["3", "2", "5"]);
    const scores = item2vecMeanChannel().score?.(fixtureContext(snapshot, user), ["3", "7"]);
    assert.ok(Math.abs((scores?.[0] as number) - (hits[0]?.score as number)) < 1e-7);
    assert.equal(scores?.[1], Number.NEGATIVE_INFINITY, "an item the model lacks");
  });

  it("item2vec-mean falls back to the stored user vector, then to catalogue order at score 0", async () => {
    const disliked = [{ itemId: "6", rating: 1, timestamp: 1 }];
    const stored = fixtureUser("u", disliked, {
      embeddings: new Map([["item2vec", Float32Array.of(0, 1, 0)]]),
    });
    assert.deepEqual(ids(await item2vecMeanChannel().recall(fixtureContext(snapshot, stored), 2)), [
      "4",
      "5",
    ]);
    const none = fixtureUser("u", disliked);
    assert.deepEqual(await item2vecMeanChannel().recall(fixtureContext(snapshot, none), 2), [
      { itemId: "1", score: 0 },
      { itemId: "2", score: 0 },
    ]);
  });

  it("last-liked channels use the latest liked item the model knows", async () => {
    const user = fixtureUser("u", [
      { itemId: "4", rating: 5, timestamp: 1 },
      { itemId: "1", rating: 4, timestamp: 5 },
      { itemId: "7", rating: 5, timestamp: 9 },
      { itemId: "2", rating: 3, timestamp: 10 },
    ]);
    const hits = await lastLikedChannel("item2vec-last", "item2vec").recall(
      fixtureContext(snapshot, user),
      2,
    );
    assert.deepEqual(ids(hits), ["3", "5"], "7 is unknown and 2 not liked: the query is item 1");
  });

  it("a model missing from the snapshot recalls nothing and scores -Infinity", async () => {
    const user = fixtureUser("u", [{ itemId: "1", rating: 5, timestamp: 1 }]);
    const channel = lastLikedChannel("node2vec", "node2vec");
    assert.deepEqual(await channel.recall(fixtureContext(snapshot, user), 3), []);
    assert.deepEqual([...(channel.score?.(fixtureContext(snapshot, user), ["1"]) ?? [])], [-Infinity]);
  });

  it("als recalls by inner product with the user factors", async () => {
    const user = fixtureUser("u", [{ itemId: "6", rating: 5, timestamp: 1 }], {
      embeddings: new Map([["als", Float32Array.of(0, 2, 1)]]),
    });
    const hits = await alsChannel().recall(fixtureContext(snapshot, user), 2);
    assert.deepEqual(ids(hits), ["4", "5"]);
    assert.ok(Math.abs((hits[0]?.score as number) - 2) < 1e-6);
    assert.ok(Math.abs((hits[1]?.score as number) - 2) < 1e-6, "0.9 * 2 + 0.2 = 2");
  });
});

describe("channel registry", () => {
  it("has every channel under its name", () => {
    const channels = createChannels({ readSortedSets: reader({}), trendingHalfLifeMinutes: 60 });
    assert.deepEqual(
      [...channels.keys()],
      [
        "genre",
        "top-rated",
        "recent",
        "popularity",
        "trending",
        "item2vec-mean",
        "item2vec-last",
        "deepwalk",
        "node2vec",
        "als",
        "graph",
      ],
    );
    for (const name of ["popularity", "item2vec-mean", "item2vec-last", "deepwalk", "node2vec", "als"]) {
      assert.equal(typeof channels.get(name)?.score, "function", `${name} scores items for the ranker`);
    }
  });
});

describe("snapshot preparation", () => {
  it("builds the popularity table ahead of the first request", () => {
    const snapshot = fixtureSnapshot({
      items: catalogue,
      itemStats: new Map([["3", { ratingCount: 2, averageRating: 4, bayesianAverage: 4 }]]),
    });
    prepareRecall(snapshot);
    assert.deepEqual(popularityTable(snapshot).order.slice(0, 2), [
      { itemId: "3", score: 2 },
      { itemId: "1", score: 0 },
    ]);
    assert.equal(popularityTable(snapshot), popularityTable(snapshot), "built once per snapshot");
  });
});
