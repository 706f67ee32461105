import type { BehaviourGraph } from "../../../../core/graph/index.ts";
import { EMBEDDING_MODELS } from "../../../../schemas/index.ts";
import { userEmbeddingMean, userEmbeddingRecency } from "../../../algorithms/item2vec/index.ts";
import {
  factorScorer,
  lastLikedScorer,
  meanOfLikedScorer,
  popularityScorer,
  type Scorer,
} from "../../../evaluate/index.ts";
import type { JobDeps } from "../../job-deps.ts";
import type { EmbeddingSet, ItemEmbedding, UserEmbedding } from "../embedding-set.ts";
import type { HistoryRating } from "../history.ts";
import { likedSequences } from "../liked-sequences.ts";
import { type TrainedItem2Vec, trainItem2VecOn } from "../train-item2vec-stage.ts";
import { type TrainedAls, trainAls } from "./als-model.ts";
import type { ModelParams } from "./model-params.ts";
import { buildBehaviourGraph, trainWalkModels, type WalkModel } from "./walk-models.ts";

/** Every model of one run, trained on the same ratings. */
export interface TrainedModels {
  readonly ratings: readonly HistoryRating[];
  readonly sequences: ReadonlyMap<string, readonly HistoryRating[]>;
  readonly graph: BehaviourGraph;
  readonly item2vec: TrainedItem2Vec;
  readonly walks: readonly WalkModel[];
  readonly als: TrainedAls;
}

/** Item2Vec, the behaviour graph with DeepWalk and Node2vec, and implicit ALS, on one set of ratings. */
export async function trainModels(
  deps: JobDeps,
  ratings: readonly HistoryRating[],
  params: ModelParams,
  signal?: AbortSignal,
): Promise<TrainedModels> {
  const sequences = likedSequences(ratings);
  const item2vec = await trainItem2VecOn(deps, sequences, params.item2vec, EMBEDDING_MODELS.item2vec, signal);
  const graph = buildBehaviourGraph(sequences);
  const walks = await trainWalkModels(deps, graph, params, signal);
  const als = await trainAls(deps, ratings, params, signal);
  return { ratings, sequences, graph, item2vec, walks, als };
}

function meanUsers(model: string, models: TrainedModels, embedding: WalkModel["embedding"]): UserEmbedding {
  const vectors = new Map<string, Float32Array>();
  for (const [userId, liked] of models.sequences) {
    const vector = userEmbeddingMean(
      embedding,
      liked.map((r) => r.itemId),
    );
    if (vector) vectors.set(userId, vector);
  }
  return { model, vectors };
}

function alsTables(als: TrainedAls): { item: ItemEmbedding; user: UserEmbedding } {
  const { userIds, itemIds, dimension, userFactors, itemFactors } = als.factors;
  const users = new Map(
    userIds.map((id, row) => [id, userFactors.subarray(row * dimension, (row + 1) * dimension)]),
  );
  return {
    item: { model: als.model, itemIds, dimension, vectors: itemFactors },
    user: { model: als.model, vectors: users },
  };
}

/** What a run publishes: every model's item vectors and user vectors. */
export function embeddingSetOf(models: TrainedModels, recencyHalfLifeMs: number): EmbeddingSet {
  const item2vec = models.item2vec.model;
  const recent = new Map<string, Float32Array>();
  for (const [userId, liked] of models.sequences) {
    const vector = userEmbeddingRecency(item2vec, liked, recencyHalfLifeMs);
    if (vector) recent.set(userId, vector);
  }
  const als = alsTables(models.als);
  return {
    items: [
      { model: EMBEDDING_MODELS.item2vec, ...item2vec },
      ...models.walks.map((w) => ({ model: w.model, ...w.embedding })),
      als.item,
    ],
    users: [
      meanUsers(EMBEDDING_MODELS.item2vec, models, item2vec),
      { model: EMBEDDING_MODELS.item2vecRecent, vectors: recent },
      ...models.walks.map((w) => meanUsers(w.model, models, w.embedding)),
      als.user,
    ],
    trainingMs: Object.fromEntries([
      [EMBEDDING_MODELS.item2vec, models.item2vec.trainingMs],
      ...models.walks.map((w) => [w.model, w.trainingMs]),
      [models.als.model, models.als.trainingMs],
    ]),
  };
}

/** A channel for each walk model, and one that recalls nothing for a model the graph was too small for. */
function walkChannels(models: TrainedModels, catalogue: readonly string[]): Scorer[] {
  return [EMBEDDING_MODELS.deepwalk, EMBEDDING_MODELS.node2vec].map((name) => {
    const walk = models.walks.find((w) => w.model === name);
    if (walk) return lastLikedScorer(name, walk.embedding, catalogue);
    return { name, score: (_userId, _history, out) => out.fill(Number.NEGATIVE_INFINITY) };
  });
}

/** The recall channels of these models over a catalogue, each a Scorer; also what the ranker re-ranks. */
export function channelsOf(models: TrainedModels, catalogue: readonly string[]): Scorer[] {
  const split = { train: models.ratings, heldOut: new Map(), trainByUser: new Map() };
  return [
    popularityScorer(split, catalogue),
    meanOfLikedScorer("item2vec-mean", models.item2vec.model, catalogue),
    lastLikedScorer("item2vec-last", models.item2vec.model, catalogue),
    ...walkChannels(models, catalogue),
    factorScorer(models.als.model, models.als.factors, catalogue),
  ];
}

/** Training time per channel name, for the evaluation table. */
export function channelTrainingMs(models: TrainedModels): Record<string, number> {
  return {
    "item2vec-mean": models.item2vec.trainingMs,
    "item2vec-last": models.item2vec.trainingMs,
    ...Object.fromEntries(models.walks.map((w) => [w.model, w.trainingMs])),
    [models.als.model]: models.als.trainingMs,
  };
}
