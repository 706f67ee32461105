/**
 * Served ranking equals offline ranking: on a synthetic catalogue, the offline re-ranking scorer (the channels of
 * `channelsOf`, CandidateCollector, core ranking features, the ranker) and the online path (recall channels with
 * the ranker's quotas, filter, model ranker over a ServingSnapshot and UserProfiles holding the same models)
 * must give every user the same top 10, the same scores and the same candidates with the same channel ranks.
 * The data is built to hit the awkward cases: numeric ids whose string order differs, equal timestamps, equal
 * popularity counts, identical and zero item vectors, items and users some model lacks (-Infinity, zero
 * queries), a walk model missing altogether, shuffled vector tables, a popular list cut short, and a ranker
 * whose probabilities saturate at 1 so that the final order falls to ties.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ItemRecord } from "../core/ports/index.ts";
import { createRankerScorer, type RankerModel } from "../core/ranking/index.ts";
import { fixtureRankerModel } from "../core/ranking/ranker-model.fixture.ts";
import { compareItemIds, compareRatings } from "../core/rating-order.ts";
import { userEmbeddingMean } from "../offline/algorithms/item2vec/index.ts";
import { DEFAULT_RANKER_PARAMS, trainRanker } from "../offline/algorithms/ranker/index.ts";
import { catalogueIndex } from "../offline/evaluate/catalogue-index.ts";
import { splitLeaveLastOut } from "../offline/evaluate/index.ts";
import { selectTopK } from "../offline/evaluate/top-k.ts";
import type { EmbeddingTable } from "../offline/evaluate/types.ts";
import { channelsOf, type TrainedModels } from "../offline/jobs/training/models/train-models.ts";
import { rankingContext } from "../offline/jobs/training/ranking-context.ts";
import { CandidateCollector } from "../offline/ranking/candidates.ts";
import { buildRankerRows } from "../offline/ranking/ranker-rows.ts";
import { rerankingScorer } from "../offline/ranking/reranking-scorer.ts";
import { createItemVectors } from "../online/lookup/item-vectors.ts";
import type { ItemStats, ItemVectors, ServingSnapshot, UserProfile } from "../online/lookup/types.ts";
import { modelRanker } from "../online/rank/model-ranker.ts";
import { rankerQuotas } from "../online/rank/quotas.ts";
import { createChannels } from "../online/recall/channels.ts";
import { filterCandidates } from "../online/recall/filter.ts";
import { planRecall, runRecall } from "../online/recall/recall.ts";
import { fixtureItems, fixtureSnapshot, fixtureUser } from "../online/recall/serving.fixture.ts";

const PER_CHANNEL = 8;
const K = 10;
const GENRES = ["Action", "Comedy", "Drama", "Horror", "Romance"];

/** mulberry32: a small seeded generator, so the data set is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(7);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const shuffled = <T>(list: readonly T[]): T[] => {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

// Catalogue: ids 1..70 and three whose string order differs from their numeric order.
const itemIds = [...Array.from({ length: 70 }, (_, i) => String(i + 1)), "100", "205", "1000"];
const catalogue = [...itemIds].sort(compareItemIds);
const clusterOf = new Map(itemIds.map((id) => [id, Math.floor(rand() * 4)]));
const items: ItemRecord[] = catalogue.map((itemId) => ({
  itemId,
  title: `Item ${itemId}`,
  year: rand() < 0.1 ? null : 1950 + Math.floor(rand() * 70),
  genres: rand() < 0.05 ? ["(no genres listed)"] : [...new Set([pick(GENRES), pick(GENRES)])],
  eligible: true,
}));

// Users: most rate within a favourite cluster and like it; a few dislike everything.
const ratings: { userId: string; itemId: string; rating: number; timestamp: number }[] = [];
const userIds = Array.from({ length: 40 }, (_, u) => `u${u + 1}`);
for (const [u, userId] of userIds.entries()) {
  const favourite = u % 4;
  const grumpy = u % 13 === 5;
  const count = 6 + Math.floor(rand() * 14);
  const rated = shuffled(itemIds).slice(0, count);
  let timestamp = 1_000_000 + u;
  for (const itemId of rated) {
    const inFavourite = clusterOf.get(itemId) === favourite;
    const base = grumpy ? 1.5 : inFavourite ? 4.5 : 2.5;
    const rating = Math.min(5, Math.max(0.5, Math.round((base + (rand() - 0.5) * 2) * 2) / 2));
    // Every few ratings share a timestamp, so (timestamp, itemId) order matters.
    if (rand() < 0.75) timestamp += 1000;
    ratings.push({ userId, itemId, rating, timestamp });
  }
}

/** Clustered vectors of `dimension` for the given items, in shuffled row order. */
function table(
  ids: readonly string[],
  dimension: number,
  noise: number,
): EmbeddingTable & { rows: string[] } {
  const centroids = Array.from({ length: 4 }, () => Array.from({ length: dimension }, () => rand() * 2 - 1));
  const rows = shuffled(ids);
  const vectors = new Float32Array(rows.length * dimension);
  rows.forEach((id, row) => {
    const centroid = centroids[clusterOf.get(id) as number] as number[];
    for (let d = 0; d < dimension; d++) {
      vectors[row * dimension + d] = (centroid[d] as number) + (rand() * 2 - 1) * noise;
    }
  });
  return { itemIds: rows, rows, dimension, vectors };
}

function setRow(t: EmbeddingTable, id: string, values: ArrayLike<number>): void {
  const row = t.itemIds.indexOf(id);
  t.vectors.set(values, row * t.dimension);
}

function rowOf(t: EmbeddingTable, id: string): Float32Array {
  const row = t.itemIds.indexOf(id);
  return t.vectors.slice(row * t.dimension, (row + 1) * t.dimension);
}

// Item2Vec lacks five items, has two identical vectors (7 and 1000: exact cosine ties) and a zero vector (33).
const item2vec = table(
  itemIds.filter((id) => !["3", "19", "40", "55", "205"].includes(id)),
  10,
  0.6,
);
setRow(item2vec, "1000", rowOf(item2vec, "7"));
setRow(item2vec, "33", new Float32Array(10));
// DeepWalk lacks twelve items, and 12 and 13 share a vector; node2vec is missing altogether.
const deepwalk = table(
  itemIds.filter((_, i) => i % 6 !== 1),
  9,
  0.8,
);
setRow(deepwalk, "13", rowOf(deepwalk, "12"));
// ALS lacks three items and four users.
const alsItems = table(
  itemIds.filter((id) => !["2", "64", "100"].includes(id)),
  6,
  0.5,
);
const alsUsers = userIds.filter((_, u) => u % 10 !== 3);
const userFactors = Float32Array.from({ length: alsUsers.length * 6 }, () => rand() * 2 - 1);
const als = {
  userIds: alsUsers,
  itemIds: alsItems.itemIds,
  dimension: 6,
  userFactors,
  itemFactors: alsItems.vectors,
};

// What channelsOf reads of a training run; the rest of TrainedModels (graph, sequences) plays no part here.
const models = {
  ratings,
  item2vec: { model: item2vec, trainingMs: 0, corpusTokens: 0 },
  walks: [{ model: "deepwalk", embedding: deepwalk, trainingMs: 0 }],
  als: { model: "als", factors: als, trainingMs: 0 },
} as unknown as TrainedModels;

const index = catalogueIndex(catalogue);
const context = rankingContext(items, catalogue, ratings, { priorWeight: 5, buckets: 4 });
const historyOf = (userId: string) => ratings.filter((r) => r.userId === userId).sort(compareRatings);

// ---- the online side: a snapshot and profiles holding the same models ----

const counts = new Map<string, number>();
for (const r of ratings) counts.set(r.itemId, (counts.get(r.itemId) ?? 0) + 1);
const itemStats = new Map<string, ItemStats>(
  [...counts].map(([itemId, ratingCount]) => [
    itemId,
    { ratingCount, averageRating: null, bayesianAverage: null },
  ]),
);
// Cut short and in the popularity artifact's own tie order (string ids), which the channel must not trust.
const popular = [...counts]
  .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
  .slice(0, 12)
  .map(([itemId, count]) => ({ itemId, count }));

function vectorsOf(model: string, t: EmbeddingTable, metric: "cosine" | "dot"): ItemVectors {
  return createItemVectors({ model, ids: t.itemIds, dimension: t.dimension, vectors: t.vectors }, metric);
}

function snapshotWith(ranker: RankerModel): ServingSnapshot {
  return fixtureSnapshot({
    items: fixtureItems(items.map((i) => ({ itemId: i.itemId, genres: [...i.genres], year: i.year }))),
    itemStats,
    itemFeatures: new Map(
      catalogue.flatMap((id, position) => {
        const features = context.items[position];
        return features ? [[id, features] as const] : [];
      }),
    ),
    genreVocabulary: context.genres,
    popular,
    embeddings: new Map([
      ["item2vec", vectorsOf("item2vec", item2vec, "cosine")],
      ["deepwalk", vectorsOf("deepwalk", deepwalk, "cosine")],
      ["als", vectorsOf("als", { itemIds: als.itemIds, dimension: 6, vectors: als.itemFactors }, "dot")],
    ]),
    ranker: createRankerScorer(ranker),
  });
}

function profileOf(userId: string): UserProfile {
  const history = historyOf(userId);
  const embeddings = new Map<string, Float32Array>();
  const alsRow = alsUsers.indexOf(userId);
  if (alsRow >= 0) embeddings.set("als", userFactors.slice(alsRow * 6, alsRow * 6 + 6));
  // As published: the mean of the liked items the model knows, for users that have one.
  const stored = userEmbeddingMean(
    item2vec,
    history.filter((r) => r.rating >= 3.5).map((r) => r.itemId),
  );
  if (stored) embeddings.set("item2vec", stored);
  const features = context.users.get(userId);
  return fixtureUser(
    userId,
    history.map((r) => ({ itemId: r.itemId, rating: r.rating, timestamp: r.timestamp })),
    { ...(features ? { features } : {}), embeddings },
  );
}

const channels = createChannels({
  readSortedSets: async (keys) => keys.map(() => []),
  trendingHalfLifeMinutes: 60,
});

interface Ranked {
  readonly ids: string[];
  readonly scores: number[];
  /** Candidate -> per channel rank (-1 when not recalled), in channel order. */
  readonly candidates: Map<string, number[]>;
}

function offlineTop(ranker: RankerModel, userId: string): Ranked {
  const collector = new CandidateCollector(channelsOf(models, catalogue), index, PER_CHANNEL);
  const scorer = rerankingScorer("ranker", collector, context, createRankerScorer(ranker));
  const history = historyOf(userId);
  const out = new Float32Array(catalogue.length);
  scorer.score(userId, history, out);
  const top = new Int32Array(K);
  const found = selectTopK(out, K, top);
  const positions = [...top.subarray(0, found)];
  const recalled = collector.collect(userId, history);
  const candidates = new Map<string, number[]>();
  for (const position of recalled.indices.subarray(0, recalled.count)) {
    candidates.set(
      catalogue[position] as string,
      recalled.channelRanks.map((ranks) => ranks[position] as number),
    );
  }
  return {
    ids: positions.map((p) => catalogue[p] as string),
    scores: positions.map((p) => out[p] as number),
    candidates,
  };
}

async function onlineTop(snapshot: ServingSnapshot, userId: string): Promise<Ranked> {
  const user = profileOf(userId);
  const recallContext = { snapshot, user, now: 0, signal: new AbortController().signal };
  const scorer = snapshot.ranker;
  assert.ok(scorer);
  const { plan, failures } = planRecall(channels, rankerQuotas(scorer.featureNames, PER_CHANNEL));
  const outcome = await runRecall(recallContext, plan);
  assert.deepEqual([...failures, ...outcome.failures], []);
  const kept = filterCandidates(outcome.candidates, { snapshot, user });
  const ranked = modelRanker(channels).rank({ context: recallContext, candidates: kept, k: K });
  const names = plan.map((p) => p.channel.name);
  return {
    ids: ranked.map((r) => r.itemId),
    scores: ranked.map((r) => r.score),
    candidates: new Map(kept.map((c) => [c.itemId, names.map((n) => c.channels.get(n)?.rank ?? -1)])),
  };
}

async function trainedLinearRanker(): Promise<RankerModel> {
  const split = splitLeaveLastOut(ratings);
  const collector = new CandidateCollector(channelsOf(models, catalogue), index, PER_CHANNEL);
  const rows = buildRankerRows(split, collector, index, context);
  const params = { ...DEFAULT_RANKER_PARAMS, hidden: [], epochs: 8, batchSize: 32, validationShare: 0 };
  return (await trainRanker(rows, params)).model;
}

async function assertParity(ranker: RankerModel): Promise<{ ties: number }> {
  const snapshot = snapshotWith(ranker);
  let ties = 0;
  for (const userId of userIds) {
    const offline = offlineTop(ranker, userId);
    const online = await onlineTop(snapshot, userId);
    assert.deepEqual(online.candidates, offline.candidates, `${userId}: candidates and channel ranks`);
    assert.deepEqual(online.ids, offline.ids, `${userId}: top ${K}`);
    online.scores.forEach((score, i) => {
      const expected = offline.scores[i] as number;
      assert.ok(Math.abs(score - expected) <= 1e-4, `${userId} #${i}: ${score} vs ${expected}`);
      assert.equal(score, expected, `${userId} #${i}: float32 scores are bit-identical`);
    });
    for (let i = 1; i < online.scores.length; i++) if (online.scores[i] === online.scores[i - 1]) ties++;
  }
  return { ties };
}

describe("online ranking equals offline ranking", () => {
  it("the channels' names are the offline ranker's", () => {
    const names = new CandidateCollector(channelsOf(models, catalogue), index, PER_CHANNEL).names;
    assert.deepEqual(names, ["popularity", "item2vec-mean", "item2vec-last", "deepwalk", "node2vec", "als"]);
    for (const name of names) assert.equal(typeof channels.get(name)?.score, "function", name);
  });

  it("with a ranker trained offline on these channels", async () => {
    await assertParity(await trainedLinearRanker());
  });

  it("with a deep ranker", async () => {
    const featureNames = (await trainedLinearRanker()).featureNames;
    const deep = fixtureRankerModel(featureNames.length, [6, 3]);
    await assertParity({ ...deep, featureNames: [...featureNames] });
  });

  it("with a ranker whose probabilities saturate, so the order falls to ties", async () => {
    const linear = await trainedLinearRanker();
    const saturating: RankerModel = {
      ...linear,
      wide: { weights: linear.wide.weights.map((w) => w * 200), bias: linear.wide.bias + 50 },
    };
    const { ties } = await assertParity(saturating);
    assert.ok(ties > 20, `ties decided the order ${ties} times`);
  });
});
