import type { ArtifactEntry, CacheWrite } from "../../core/ports/index.ts";
import { ALL_GENRES, ARTIFACT_KINDS, cacheKeys, VERSION_KINDS } from "../../schemas/index.ts";
import type { ItemSummary } from "../features/top-items.ts";
import type { JobDeps } from "./job-deps.ts";
import { jsonBytes, nextVersionId, publishVersion, type VersionBundle } from "./publish/index.ts";

export interface PopularityModel {
  readonly summaries: ReadonlyMap<string, ItemSummary>;
  readonly topByGenre: ReadonlyMap<string, readonly ItemSummary[]>;
  readonly popular: readonly ItemSummary[];
}

const ids = (list: readonly ItemSummary[]) => list.map((s) => s.itemId);

/** Item statistics, genre top lists and the popular list as artifacts of one version. */
export function popularityArtifacts(model: PopularityModel): VersionBundle["artifacts"] {
  const stats: ArtifactEntry[] = [...model.summaries.values()].map((s) => ({
    key: s.itemId,
    value: jsonBytes(s),
  }));
  const tops: ArtifactEntry[] = [...model.topByGenre].map(([genre, list]) => ({
    key: genre,
    value: jsonBytes(ids(list)),
  }));
  return [
    { kind: ARTIFACT_KINDS.itemStats, entries: stats },
    { kind: ARTIFACT_KINDS.genreTop, entries: tops },
    { kind: ARTIFACT_KINDS.popularity, entries: [{ key: ALL_GENRES, value: jsonBytes(ids(model.popular)) }] },
  ];
}

/** The hot popularity lists and item statistics, under the version's cache keys. */
export function popularityCacheWrites(model: PopularityModel, version: string): CacheWrite[] {
  const keys = cacheKeys();
  const writes: CacheWrite[] = [];
  for (const [genre, list] of model.topByGenre) {
    const entries = list.map((s) => ({ member: s.itemId, score: s.bayesianAverage }));
    writes.push({ op: "zadd", key: keys.topItems(version, genre), entries });
  }
  const popular = model.popular.map((s) => ({ member: s.itemId, score: s.ratingCount }));
  writes.push({ op: "zadd", key: keys.popular(version), entries: popular });
  for (const s of model.summaries.values()) {
    const fields = {
      ratingCount: String(s.ratingCount),
      averageRating: String(s.averageRating),
      bayesianAverage: String(s.bayesianAverage),
    };
    writes.push({ op: "hset", key: keys.itemStats(version, s.itemId), fields });
  }
  return writes;
}

/**
 * Publishes a popularity version on its own (the demo's run): artifacts, hot lists, then the pointer switch,
 * keeping the previous version for rollback. The offline pipeline publishes the same parts with its own.
 */
export async function publishPopularity(deps: JobDeps, model: PopularityModel): Promise<string> {
  const version = nextVersionId(deps);
  const bundle: VersionBundle = {
    pointers: [VERSION_KINDS.popularity],
    artifacts: popularityArtifacts(model),
    cacheWrites: popularityCacheWrites(model, version),
    files: [],
  };
  await publishVersion(deps, version, bundle, { margin: 1, force: false });
  deps.logger.debug("published popularity version", { version, items: model.summaries.size });
  return version;
}
