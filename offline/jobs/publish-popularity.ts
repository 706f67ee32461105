import type { ArtifactEntry, CacheWrite } from "../../core/ports/index.ts";
import { ALL_GENRES, ARTIFACT_KINDS, cacheKeys, newVersionId, VERSION_KINDS } from "../../schemas/index.ts";
import type { ItemSummary } from "../features/top-items.ts";
import type { JobDeps } from "./job-deps.ts";

export interface PopularityModel {
  readonly summaries: ReadonlyMap<string, ItemSummary>;
  readonly topByGenre: ReadonlyMap<string, readonly ItemSummary[]>;
  readonly popular: readonly ItemSummary[];
}

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value));
const ids = (list: readonly ItemSummary[]) => list.map((s) => s.itemId);

function artifacts(model: PopularityModel) {
  const stats: ArtifactEntry[] = [...model.summaries.values()].map((s) => ({
    key: s.itemId,
    value: json(s),
  }));
  const tops: ArtifactEntry[] = [...model.topByGenre].map(([genre, list]) => ({
    key: genre,
    value: json(ids(list)),
  }));
  return { stats, tops, popular: [{ key: ALL_GENRES, value: json(ids(model.popular)) }] };
}

function cacheWrites(model: PopularityModel, version: string): CacheWrite[] {
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
 * Publishes a popularity version: artifacts to the BulkStore, hot lists to the FeatureCache, then the
 * pointer switch in the ControlStore, so readers never see a version that is half written.
 * Keeps the previous version for rollback and deletes older ones.
 */
export async function publishPopularity(deps: JobDeps, model: PopularityModel): Promise<string> {
  const kind = VERSION_KINDS.popularity;
  const version = newVersionId(deps.clock.now(), deps.newId());
  const parts = artifacts(model);
  await deps.bulk.putArtifacts(ARTIFACT_KINDS.itemStats, version, parts.stats);
  await deps.bulk.putArtifacts(ARTIFACT_KINDS.genreTop, version, parts.tops);
  await deps.bulk.putArtifacts(ARTIFACT_KINDS.popularity, version, parts.popular);
  await deps.cache.batch(cacheWrites(model, version));
  await deps.control.stageVersion(kind, version);
  await deps.control.activateVersions({ [kind]: version });
  await pruneOldVersions(deps, version);
  deps.logger.debug("published popularity version", { version, items: model.summaries.size });
  return version;
}

/**
 * Deletes the artifacts and cache keys of versions nobody should serve again: every retired version but the
 * newest (kept for rollback), and staged versions older than the current one (runs that never finished).
 * The ControlStore keeps their rows as history.
 */
async function pruneOldVersions(deps: JobDeps, current: string): Promise<void> {
  const versions = await deps.control.listVersions(VERSION_KINDS.popularity);
  const newestFirst = (a: { version: string }, b: { version: string }) => (a.version < b.version ? 1 : -1);
  const retired = versions.filter((v) => v.status === "retired").sort(newestFirst);
  const abandoned = versions.filter((v) => v.status === "staged" && v.version < current);
  for (const old of [...retired.slice(1), ...abandoned]) {
    await deps.cache.del(await staleCacheKeys(deps, old.version));
    for (const kind of Object.values(ARTIFACT_KINDS)) await deps.bulk.deleteVersion(kind, old.version);
  }
}

/** The cache keys a version wrote, recovered from its artifacts' keys. */
async function staleCacheKeys(deps: JobDeps, version: string): Promise<string[]> {
  const keys = cacheKeys();
  const out = [keys.popular(version)];
  for await (const genre of deps.bulk.listArtifactKeys(ARTIFACT_KINDS.genreTop, version)) {
    out.push(keys.topItems(version, genre));
  }
  for await (const itemId of deps.bulk.listArtifactKeys(ARTIFACT_KINDS.itemStats, version)) {
    out.push(keys.itemStats(version, itemId));
  }
  return out;
}
