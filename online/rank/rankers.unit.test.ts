import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ItemFeatures, UserFeatures } from "../../core/features/index.ts";
import { createRankerScorer, type RankerModel } from "../../core/ranking/index.ts";
import { rankingFeatureNames } from "../../core/ranking/ranking-features.ts";
import { createItemVectors } from "../lookup/item-vectors.ts";
import { createChannels } from "../recall/channels.ts";
import { mergeRecalls } from "../recall/merge.ts";
import { fixtureContext, fixtureItems, fixtureSnapshot, fixtureUser } from "../recall/serving.fixture.ts";
import { coldStartList, isColdUser } from "./cold-start.ts";
import { embeddingRanker } from "./embedding-ranker.ts";
import { modelRanker } from "./model-ranker.ts";
import { defaultQuotas, EMBEDDING_QUOTAS, rankerQuotas } from "./quotas.ts";
import { RankerUnavailableError } from "./ranker-unavailable.ts";

const close = (a: number | undefined, b: number, tolerance = 1e-6) =>
  assert.ok(Math.abs((a as number) - b) < tolerance, `${a} is not ${b}`);

const item2vec = createItemVectors(
  {
    model: "item2vec",
    ids: ["1", "2", "3", "4"],
    dimension: 2,
    vectors: Float32Array.of(1, 0, 2, 0, 0, 1, 1, 1),
  },
  "cosine",
);
const itemFeature = (itemId: string, genres: number[], countNorm: number): ItemFeatures =>
  ({
    itemId,
    genres,
    ratingCountNorm: countNorm,
    bayesianAverageNorm: 0.5,
    yearNorm: 0.25,
  }) as ItemFeatures;
const userFeatures: UserFeatures = {
  userId: "u",
  ratingCount: 4,
  averageRating: 3.5,
  lastRatingAt: 0,
  daysSinceLastRating: 0,
  genreAffinity: { Drama: 0.5, Comedy: -0.5 },
  genreLikedShare: { Drama: 1 },
};
const channels = createChannels({
  readSortedSets: async (keys) => keys.map(() => []),
  trendingHalfLifeMinutes: 60,
});

describe("embedding ranker", () => {
  const snapshot = fixtureSnapshot({
    items: fixtureItems(["1", "2", "3", "4", "5"].map((itemId) => ({ itemId }))),
    embeddings: new Map([["item2vec", item2vec]]),
  });
  const candidates = mergeRecalls([
    { name: "graph", hits: ["5", "3", "2", "1"].map((itemId) => ({ itemId, score: 1 })) },
    { name: "genre", hits: [{ itemId: "4", score: 1 }] },
  ]);

  it("orders by inner product with the stored user vector; vector-less items last by channel evidence", () => {
    const user = fixtureUser("u", [], { embeddings: new Map([["item2vec", Float32Array.of(1, 0.5)]]) });
    const ranked = embeddingRanker().rank({
      context: fixtureContext(snapshot, user),
      candidates,
      k: 5,
      explain: true,
    });
    assert.deepEqual(
      ranked.map((r) => r.itemId),
      ["2", "4", "1", "3", "5"],
    );
    assert.deepEqual(ranked.map((r) => r.score).slice(0, 4), [2, 1.5, 1, 0.5]);
    assert.ok((ranked[4]?.score as number) < 0.5, "below every scored candidate");
    assert.deepEqual(ranked[0]?.channels, ["graph"]);
    assert.equal(ranked[0]?.explain?.parts.innerProduct, 2);
    assert.equal(ranked[0]?.explain?.features["graph:rank"], 2);
    assert.equal(ranked[4]?.explain?.parts.innerProduct, undefined);
  });

  it("builds the user vector from liked items when none is stored, and cuts at k", () => {
    const user = fixtureUser("u", [{ itemId: "3", rating: 5, timestamp: 1 }]);
    const ranked = embeddingRanker().rank({ context: fixtureContext(snapshot, user), candidates, k: 2 });
    assert.deepEqual(
      ranked.map((r) => r.itemId),
      ["3", "4"],
    );
    assert.equal(ranked[0]?.explain, undefined);
  });

  it("orders by channel evidence alone for a user without any vector", () => {
    const ranked = embeddingRanker().rank({
      context: fixtureContext(snapshot, fixtureUser("u", [])),
      candidates,
      k: 5,
    });
    assert.deepEqual(
      ranked.map((r) => r.itemId),
      ["4", "5", "3", "2", "1"],
    );
  });
});

describe("model ranker", () => {
  const names = rankingFeatureNames(["popularity", "item2vec-mean"]);
  const width = names.length;
  // A linear model: likes popular items and high item2vec cosine.
  const model: RankerModel = {
    formatVersion: 1,
    featureNames: names,
    normalisation: { mean: names.map(() => 0.1), std: names.map(() => 2) },
    wide: { weights: names.map((_, f) => (f === 0 ? 1 : f === 2 ? 3 : 0.1)), bias: -1 },
    deep: { layers: [] },
  };
  const snapshot = fixtureSnapshot({
    items: fixtureItems(["1", "2", "3", "4", "5"].map((itemId) => ({ itemId }))),
    itemStats: new Map([
      ["1", { ratingCount: 3, averageRating: 4, bayesianAverage: 4 }],
      ["5", { ratingCount: 7, averageRating: 4, bayesianAverage: 4 }],
    ]),
    itemFeatures: new Map([
      ["2", itemFeature("2", [1, 0], 0.5)],
      ["5", itemFeature("5", [1, 1], 0.75)],
    ]),
    genreVocabulary: ["Drama", "Comedy"],
    embeddings: new Map([["item2vec", item2vec]]),
    ranker: createRankerScorer(model),
  });
  const user = fixtureUser("u", [{ itemId: "1", rating: 5, timestamp: 1 }], { features: userFeatures });
  const context = fixtureContext(snapshot, user);
  const candidates = mergeRecalls([
    { name: "popularity", hits: [{ itemId: "5", score: 7 }] },
    { name: "item2vec-mean", hits: ["2", "4", "3"].map((itemId) => ({ itemId, score: 0 })) },
  ]);

  it("computes the offline feature row of every candidate from every channel", () => {
    const ranked = modelRanker(channels).rank({ context, candidates, k: 4, explain: true });
    const byId = new Map(ranked.map((r) => [r.itemId, r.explain?.features ?? {}]));
    const five = byId.get("5") ?? {};
    close(five["popularity:score"], Math.log1p(7));
    assert.equal(five["popularity:reciprocalRank"], 1);
    assert.equal(five["item2vec-mean:score"], 0, "item 5 has no item2vec vector: -Infinity squashes to 0");
    assert.equal(five["item2vec-mean:reciprocalRank"], 0);
    assert.equal(five["item:ratingCountNorm"], 0.75);
    assert.equal(five["item:yearKnown"], 1);
    close(five["user:logRatingCount"], Math.log1p(4));
    close(five["cross:genreAffinity"], 0, 1e-9);
    close(five["cross:genreLikedShare"], 0.5);
    const two = byId.get("2") ?? {};
    close(two["item2vec-mean:score"], Math.log1p(1), 1e-6);
    assert.equal(two["item2vec-mean:reciprocalRank"], 1);
    assert.equal(two["popularity:score"], 0, "nobody rated item 2");
    const three = byId.get("3") ?? {};
    assert.equal(three["item:yearNorm"], 0.5, "no item features: the offline defaults");
    assert.equal(three["item:yearKnown"], 0);
    assert.equal(three["item2vec-mean:reciprocalRank"], Math.fround(1 / 3), "float32, as offline rows");
    assert.equal(Object.keys(five).length, width);
  });

  it("orders by the model's score and explains a linear model's logit", () => {
    const ranked = modelRanker(channels, { model: () => model }).rank({
      context,
      candidates,
      k: 2,
      explain: true,
    });
    assert.equal(ranked.length, 2);
    assert.ok((ranked[0]?.score as number) >= (ranked[1]?.score as number));
    const parts = ranked[0]?.explain?.parts ?? {};
    let sum = parts.bias as number;
    for (const name of names) sum += parts[`weight:${name}`] as number;
    close(sum, parts.logit as number, 1e-9);
    close(1 / (1 + Math.exp(-(parts.logit as number))), parts.score as number, 1e-6);
    const features = ranked[0]?.explain?.features ?? {};
    close(parts["weight:popularity:score"], (((features["popularity:score"] as number) - 0.1) / 2) * 1, 1e-9);
  });

  it("gives a deep model's explain the score only", () => {
    const deep: RankerModel = {
      ...model,
      deep: { layers: [{ inputs: width, outputs: 1, weights: names.map(() => 0.1), biases: [0] }] },
    };
    const ranked = modelRanker(channels, { model: () => deep }).rank({
      context: fixtureContext({ ...snapshot, ranker: createRankerScorer(deep) }, user),
      candidates,
      k: 1,
      explain: true,
    });
    assert.deepEqual(Object.keys(ranked[0]?.explain?.parts ?? {}), ["score"]);
  });

  it("is unavailable without a published ranker or with a channel it cannot score", () => {
    const input = { context: fixtureContext({ ...snapshot, ranker: null }, user), candidates, k: 3 };
    assert.throws(() => modelRanker(channels).rank(input), RankerUnavailableError);
    const graphModel = { ...model, featureNames: rankingFeatureNames(["popularity", "graph"]) };
    const graphInput = {
      ...input,
      context: fixtureContext({ ...snapshot, ranker: createRankerScorer(graphModel) }, user),
    };
    assert.throws(() => modelRanker(channels).rank(graphInput), /graph cannot score/);
    const odd = { ...model, featureNames: names.map((n) => `x${n}`) };
    const oddInput = {
      ...input,
      context: fixtureContext({ ...snapshot, ranker: createRankerScorer(odd) }, user),
    };
    assert.throws(() => modelRanker(channels).rank(oddInput), RankerUnavailableError);
  });
});

describe("quotas", () => {
  it("gives the ranker exactly its channels at candidatesPerChannel", () => {
    const names = rankingFeatureNames(["popularity", "item2vec-mean", "als"]);
    assert.deepEqual(rankerQuotas(names), { popularity: 50, "item2vec-mean": 50, als: 50 });
    assert.deepEqual(defaultQuotas("ranker", { featureNames: names }, 8), {
      popularity: 8,
      "item2vec-mean": 8,
      als: 8,
    });
    assert.throws(() => rankerQuotas(["popularity:score", "item:ratingCountNorm"]), RankerUnavailableError);
    assert.throws(() => defaultQuotas("ranker", null), RankerUnavailableError);
  });

  it("gives the embedding ranker its mix of existing channels", () => {
    const quotas = defaultQuotas("embedding", null);
    assert.deepEqual(quotas, { ...EMBEDDING_QUOTAS });
    for (const name of Object.keys(quotas)) assert.ok(channels.has(name), name);
  });
});

describe("cold start", () => {
  const snapshot = fixtureSnapshot({
    items: fixtureItems(
      ["1", "2", "3", "4", "5", "6"].map((itemId) => ({ itemId })),
      ["3"],
    ),
    genreTop: new Map([["*", ["1", "3", "4", "9"]]]),
    popular: ["2", "1", "5", "6"].map((itemId, i) => ({ itemId, count: 10 - i })),
  });

  it("mixes top-rated and popular items, deduped, eligible and not excluded", () => {
    const list = coldStartList(snapshot, { k: 4, exclude: new Set(["5"]) });
    assert.deepEqual(
      list.map((r) => r.itemId),
      ["1", "2", "4", "6"],
    );
    assert.deepEqual(list[0]?.channels, ["top-rated", "popularity"]);
    assert.deepEqual(list[1]?.channels, ["popularity"]);
    assert.deepEqual(
      list.map((r) => r.score),
      [1, 1 / 2, 1 / 3, 1 / 4],
    );
  });

  it("knows a cold user", () => {
    assert.equal(isColdUser(fixtureUser("u", [])), true);
    assert.equal(isColdUser(fixtureUser("u", [{ itemId: "1", timestamp: 1 }])), false);
    assert.equal(
      isColdUser(fixtureUser("u", [], { embeddings: new Map([["als", Float32Array.of(1)]]) })),
      false,
    );
  });
});
