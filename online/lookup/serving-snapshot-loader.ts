import type { Clock } from "../../core/clock.ts";
import { neighbours } from "../../core/graph/index.ts";
import { type Logger, silentLogger } from "../../core/logger.ts";
import type { AnnIndexFactory, BulkStore, ControlStore } from "../../core/ports/index.ts";
import { VERSION_KINDS } from "../../schemas/index.ts";
import { loadCatalogue, loadItemFeatures, loadPopularity, recentReleasesOf } from "./snapshot-catalogue.ts";
import { loadGraph, loadItemVectors, loadRanker } from "./snapshot-models.ts";
import type { ServingSnapshot } from "./types.ts";

export interface ServingSnapshotLoaderDeps {
  readonly bulk: BulkStore;
  readonly control: ControlStore;
  readonly ann: AnnIndexFactory;
  readonly clock: Clock;
  readonly logger?: Logger;
}

export type ServingVersions = ServingSnapshot["versions"];

/** The serving versions of the ControlStore's active pointers (`activeVersions()`); null where none is active. */
export function servingVersionsOf(pointers: Readonly<Record<string, string>>): ServingVersions {
  return {
    popularity: pointers[VERSION_KINDS.popularity] ?? null,
    features: pointers[VERSION_KINDS.features] ?? null,
    embeddings: pointers[VERSION_KINDS.embeddings] ?? null,
  };
}

/** Whether any version is published: without one there is nothing to load. */
export function anyPublished(versions: ServingVersions): boolean {
  return versions.popularity !== null || versions.features !== null || versions.embeddings !== null;
}

export function sameVersions(a: ServingVersions, b: ServingVersions): boolean {
  return a.popularity === b.popularity && a.features === b.features && a.embeddings === b.embeddings;
}

/**
 * Builds the serving snapshot of these versions wholly in memory: the ControlStore catalogue, the popularity
 * version's statistics and lists, the features version's item features, and the embeddings version's item
 * vectors (with their HNSW indexes), behaviour graph and ranking model. Parts a version lacks are empty (a
 * popularity-only demo version has no vectors or ranker); an unreadable optional part is logged and left out;
 * a store failure rejects, so the caller keeps its last snapshot.
 */
export async function loadServingSnapshot(
  deps: ServingSnapshotLoaderDeps,
  versions: ServingVersions,
): Promise<ServingSnapshot> {
  const logger = deps.logger ?? silentLogger;
  const { bulk } = deps;
  const [items, popularity, features, embeddings, graph, ranker] = await Promise.all([
    loadCatalogue(deps.control),
    loadPopularity(bulk, versions.popularity, logger),
    loadItemFeatures(bulk, versions.features, logger),
    loadItemVectors({ bulk, ann: deps.ann, logger }, versions.embeddings),
    loadGraph(bulk, versions.embeddings, logger),
    loadRanker(bulk, versions.embeddings, logger),
  ]);
  return {
    versions: { ...versions },
    loadedAt: deps.clock.now(),
    items,
    itemStats: popularity.itemStats,
    itemFeatures: features.itemFeatures,
    genreVocabulary: features.genreVocabulary,
    popular: popularity.popular,
    genreTop: popularity.genreTop,
    recentReleases: recentReleasesOf(items, popularity.itemStats),
    embeddings,
    graphNext: (itemId, k) => (graph ? neighbours(graph, itemId, k) : []),
    ranker: ranker?.scorer ?? null,
    rankerModel: ranker?.model ?? null,
  };
}
