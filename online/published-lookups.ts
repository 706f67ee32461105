import { NotFoundError, StarlingError } from "../core/errors.ts";
import type { BulkStore, ControlStore, FeatureCache } from "../core/ports/index.ts";
import { ARTIFACT_KINDS, cacheKeys, VERSION_KINDS } from "../schemas/index.ts";

export interface LookupDeps {
  readonly cache: FeatureCache;
  readonly bulk: BulkStore;
  readonly control: ControlStore;
}

/** Code of the error raised while nothing is published yet; readiness reports it as `starting`. */
export const NOT_PUBLISHED = "not_published";

const decoder = new TextDecoder();
const keys = cacheKeys();

/** The active popularity version; a retriable 503 error until the first one is published. */
export async function activePopularityVersion(deps: LookupDeps): Promise<string> {
  const version = await deps.control.activeVersion(VERSION_KINDS.popularity);
  if (version !== null) return version;
  throw new StarlingError("no popularity version is published yet: run `recsys demo` or the offline job", {
    code: NOT_PUBLISHED,
    retriable: true,
    status: 503,
  });
}

/** An item's published statistics: FeatureCache hash first, the BulkStore artifact when the cache misses. */
export async function itemStats(
  deps: LookupDeps,
  version: string,
  itemId: string,
): Promise<Record<string, unknown>> {
  const cached = await deps.cache.hgetall(keys.itemStats(version, itemId));
  if (Object.keys(cached).length > 0) return cached;
  const stored = await deps.bulk.getArtifact(ARTIFACT_KINDS.itemStats, version, itemId);
  return stored === null ? {} : (JSON.parse(decoder.decode(stored)) as Record<string, unknown>);
}

/** The ids of a genre's top `k` items: FeatureCache sorted set first, then the BulkStore artifact. */
export async function topItemIds(
  deps: LookupDeps,
  version: string,
  genre: string,
  k: number,
): Promise<string[]> {
  const cached = await deps.cache.zrevrange(keys.topItems(version, genre), 0, k - 1);
  if (cached.length > 0) return cached.map((m) => m.member);
  const stored = await deps.bulk.getArtifact(ARTIFACT_KINDS.genreTop, version, genre);
  if (stored !== null) return (JSON.parse(decoder.decode(stored)) as string[]).slice(0, k);
  const known = (await deps.control.listGenres()).some((g) => g.name === genre);
  if (!known) throw new NotFoundError(`no genre named "${genre}"; GET /api/v1/genres lists them`, "genre");
  return [];
}
