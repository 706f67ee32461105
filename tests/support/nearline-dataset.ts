import type { BulkStore, ControlStore, EventLog } from "../../core/ports/index.ts";
import { compareRatings } from "../../core/rating-order.ts";
import { float32ToBytes } from "../../core/vector-bytes.ts";
import type { Item2VecModel } from "../../offline/algorithms/item2vec/index.ts";
import type { Movie, Rating } from "../../offline/data/index.ts";
import {
  ARTIFACT_KINDS,
  EMBEDDING_MODELS,
  embeddingKey,
  type RatingEvent,
  type StarlingEvent,
  TOPICS,
  topicForEvent,
  VERSION_KINDS,
} from "../../schemas/index.ts";
import { loadSharedMovieLens } from "./shared-data.ts";

/** The item-vector models the nearline averages; each a table of seeded random vectors. */
export const SOURCE_MODELS = [
  EMBEDDING_MODELS.item2vec,
  EMBEDDING_MODELS.deepwalk,
  EMBEDDING_MODELS.node2vec,
] as const;
export type SourceModel = (typeof SOURCE_MODELS)[number];

/** The embeddings version the scenario tests publish before the nearline starts. */
export const SCENARIO_VERSION = "v20260101000000-nearline";
const DIMENSION = 8;

/** A replayable slice of MovieLens: its catalogue, its ratings in offline order, and item vectors per model. */
export interface NearlineDataset {
  readonly movies: readonly Movie[];
  /** Sorted by (timestamp, itemId): the order the offline tier reads a user's history in. */
  readonly ratings: readonly Rating[];
  readonly vectors: Readonly<Record<SourceModel, Item2VecModel>>;
}

/** mulberry32: a tiny seeded generator, so every run publishes the same vectors. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Random vectors for every `keepEvery`-filtered item, so some liked items are unknown to a model (as offline). */
function vectorTable(itemIds: readonly string[], seed: number, skip: (i: number) => boolean): Item2VecModel {
  const random = seeded(seed);
  const kept = itemIds.filter((_, i) => !skip(i));
  const vectors = new Float32Array(kept.length * DIMENSION);
  for (let i = 0; i < vectors.length; i++) vectors[i] = random() * 2 - 1;
  return { itemIds: kept, dimension: DIMENSION, vectors };
}

/** The ratings of MovieLens users 1..`users` (ml-latest-small), the movies they rated, and seeded vectors. */
export async function loadNearlineDataset(users: number): Promise<NearlineDataset> {
  const all = await loadSharedMovieLens();
  const ratings = all.ratings.filter((r) => Number(r.userId) <= users).sort(compareRatings);
  const rated = new Set(ratings.map((r) => r.itemId));
  const movies = all.movies.filter((m) => rated.has(m.itemId));
  const ids = movies.map((m) => m.itemId);
  const vectors = {
    [EMBEDDING_MODELS.item2vec]: vectorTable(ids, 11, (i) => i % 11 === 5),
    [EMBEDDING_MODELS.deepwalk]: vectorTable(ids, 22, (i) => i % 7 === 3),
    [EMBEDDING_MODELS.node2vec]: vectorTable(ids, 33, () => false),
  };
  return { movies, ratings, vectors };
}

/** The rating as the producer sends it; the event id is stable, so a replay of the data set is a duplicate. */
export function ratingEvent(rating: Rating): RatingEvent {
  const { userId, itemId, timestamp } = rating;
  return {
    eventId: `r-${userId}-${itemId}`,
    schemaVersion: 1,
    type: "rating",
    userId,
    itemId,
    rating: rating.rating,
    timestamp,
  };
}

/** Publishes the catalogue and an active embeddings version, as an offline run would before the nearline starts. */
export async function publishReferenceData(
  stores: { readonly control: ControlStore; readonly bulk: BulkStore },
  data: NearlineDataset,
): Promise<void> {
  await stores.control.upsertItems(
    data.movies.map((m) => ({
      itemId: m.itemId,
      title: m.title,
      year: m.year,
      genres: m.genres,
      eligible: true,
    })),
  );
  for (const model of SOURCE_MODELS) {
    const table = data.vectors[model];
    const entries = table.itemIds.map((itemId, row) => ({
      key: embeddingKey(model, itemId),
      value: float32ToBytes(table.vectors.slice(row * DIMENSION, (row + 1) * DIMENSION)),
    }));
    await stores.bulk.putArtifacts(ARTIFACT_KINDS.itemEmbeddings, SCENARIO_VERSION, entries);
  }
  await stores.control.stageVersion(VERSION_KINDS.embeddings, SCENARIO_VERSION);
  await stores.control.activateVersions({ [VERSION_KINDS.embeddings]: SCENARIO_VERSION });
}

/** Produces events keyed by user to their topics, in order, in chunks; resolves when every one is acknowledged. */
export async function produceEvents(eventLog: EventLog, events: readonly StarlingEvent[]): Promise<void> {
  const chunk = 500;
  for (let start = 0; start < events.length; start += chunk) {
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const event of events.slice(start, start + chunk)) {
      const topic = topicForEvent(event.type);
      const list = byTopic.get(topic) ?? [];
      list.push({ key: event.userId, value: JSON.stringify(event) });
      byTopic.set(topic, list);
    }
    for (const [topic, records] of byTopic) await eventLog.produce(topic, records);
  }
}

/** The topics a scenario creates before producing (the nearline creates them too; creation is idempotent). */
export async function createScenarioTopics(eventLog: EventLog, partitions: number): Promise<void> {
  const names = [TOPICS.ratings, TOPICS.clicks, TOPICS.impressions, TOPICS.deadLetters];
  await eventLog.createTopics(names.map((name) => ({ name, partitions })));
}
