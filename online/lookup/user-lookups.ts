import type { Clock } from "../../core/clock.ts";
import type { UserFeatures } from "../../core/features/index.ts";
import type { BulkStore, FeatureCache, RawEvent } from "../../core/ports/index.ts";
import { bytesToFloat32 } from "../../core/vector-bytes.ts";
import { ARTIFACT_KINDS, type CacheKeys, embeddingKey } from "../../schemas/index.ts";
import type { DependencyGuard } from "../resilience/types.ts";
import type { LookupMetrics } from "./lookup-metrics.ts";
import { CORRUPT, type Corrupt, TieredLookup } from "./tiered-lookup.ts";
import type { UserAction } from "./types.ts";
import { actionsOfEvents, decodeArchive, encodeArchive } from "./user-archive.ts";

/** The online settings the user lookups use (core/config/online-schema.ts). */
export interface UserLookupSettings {
  readonly userCacheEntries: number;
  readonly userCacheTtlMs: number;
  readonly userFillTtlMs: number;
}

export interface UserLookupDeps {
  readonly cache: FeatureCache;
  readonly bulk: BulkStore;
  readonly guard: DependencyGuard;
  readonly clock: Clock;
  readonly keys: CacheKeys;
  readonly settings: UserLookupSettings;
  readonly metrics: LookupMetrics;
}

/** Lookup names, as metrics label them. */
export const USER_LOOKUPS = {
  archive: "userArchive",
  features: "userFeatures",
  embeddings: "userEmbeddings",
} as const;

export interface VersionedUserKey {
  readonly userId: string;
  readonly version: string;
}

export interface EmbeddingKey extends VersionedUserKey {
  readonly model: string;
  /** The vector length the version's items have, when known: a cached vector of another length is corrupt. */
  readonly dimension: number | null;
}

const decoder = new TextDecoder();

const l1Of = (settings: UserLookupSettings, perUser = 1) => ({
  entries: settings.userCacheEntries * perUser,
  ttlMs: settings.userCacheTtlMs,
});

async function collect(events: AsyncIterable<RawEvent>): Promise<RawEvent[]> {
  const out: RawEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** The user's archived ratings and clicks: `u:{id}:archive` → BulkStore events. An unknown user has none. */
export function archiveLookup(deps: UserLookupDeps): TieredLookup<string, UserAction[]> {
  const { cache, bulk, keys, settings } = deps;
  return new TieredLookup<string, UserAction[]>({
    name: USER_LOOKUPS.archive,
    keyOf: (userId) => userId,
    l1: l1Of(settings),
    guard: deps.guard,
    metrics: deps.metrics,
    clock: deps.clock,
    l2: {
      read: (userIds) => cache.mget(userIds.map((id) => keys.userArchive(id))),
      decode: (raw) => decodeArchive(raw) ?? CORRUPT,
      write: (entries) =>
        cache.batch(
          entries.map(({ key, value }) => ({
            op: "set" as const,
            key: keys.userArchive(key),
            value: encodeArchive(value),
            ttlMs: settings.userFillTtlMs,
          })),
        ),
    },
    l3: {
      read: (userIds) =>
        Promise.all(
          userIds.map(async (userId) =>
            actionsOfEvents(await collect(bulk.readEvents({ userId, types: ["rating", "click"] }))),
          ),
        ),
    },
  });
}

function isUserFeatures(value: unknown): value is UserFeatures {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.userId === "string" &&
    typeof v.ratingCount === "number" &&
    typeof v.averageRating === "number" &&
    typeof v.genreAffinity === "object" &&
    v.genreAffinity !== null &&
    typeof v.genreLikedShare === "object" &&
    v.genreLikedShare !== null
  );
}

/**
 * The user's published features of one features version: `u:{id}:feat:{V}` → the user-features artifact. A user
 * the version has no features for is remembered as `null` in both tiers.
 */
export function publishedFeaturesLookup(
  deps: UserLookupDeps,
): TieredLookup<VersionedUserKey, UserFeatures | null> {
  const { cache, bulk, keys, settings } = deps;
  return new TieredLookup<VersionedUserKey, UserFeatures | null>({
    name: USER_LOOKUPS.features,
    keyOf: (k) => `${k.userId}\u0000${k.version}`,
    l1: l1Of(settings),
    guard: deps.guard,
    metrics: deps.metrics,
    clock: deps.clock,
    l2: {
      read: (ks) => cache.mget(ks.map((k) => keys.userFeaturesAt(k.userId, k.version))),
      decode: (raw) => {
        const value: unknown = JSON.parse(raw);
        return value === null || isUserFeatures(value) ? value : CORRUPT;
      },
      write: (entries) =>
        cache.batch(
          entries.map(({ key, value }) => ({
            op: "set" as const,
            key: keys.userFeaturesAt(key.userId, key.version),
            value: JSON.stringify(value),
            ttlMs: settings.userFillTtlMs,
          })),
        ),
    },
    l3: {
      read: (ks) =>
        Promise.all(
          ks.map(async (k) => {
            const bytes = await bulk.getArtifact(ARTIFACT_KINDS.userFeatures, k.version, k.userId);
            if (bytes === null) return null;
            const value: unknown = JSON.parse(decoder.decode(bytes));
            return isUserFeatures(value) ? value : null;
          }),
        ),
    },
  });
}

function isVectorOf(vector: Float32Array, dimension: number | null): boolean {
  if (dimension !== null && vector.length !== dimension) return false;
  for (const x of vector) if (!Number.isFinite(x)) return false;
  return true;
}

/** Groups keys by version, so each version is one `getArtifacts` call. */
function byVersion<K extends VersionedUserKey>(ks: readonly K[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  ks.forEach((k, i) => {
    const group = groups.get(k.version);
    if (group) group.push(i);
    else groups.set(k.version, [i]);
  });
  return groups;
}

/** A stored value the cache refuses to read as asked (bytes that are no vector, a key of another type). */
function isValueError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "corrupt_value" || code === "wrong_type";
}

/**
 * The vectors at `cacheKeys`. The cache rejects a whole MGET when one value is no vector; then each key is read
 * on its own, so only the bad ones count as corrupt and the rest still answer.
 */
async function readVectors(
  cache: FeatureCache,
  cacheKeys: readonly string[],
): Promise<(Float32Array | Corrupt | null)[]> {
  try {
    return await cache.mgetVectors(cacheKeys);
  } catch (error) {
    if (!isValueError(error)) throw error;
    return Promise.all(
      cacheKeys.map((key) =>
        cache.getVector(key).catch((each: unknown): Corrupt => {
          if (isValueError(each)) return CORRUPT;
          throw each;
        }),
      ),
    );
  }
}

/** What an empty vector in the cache means: the version has no vector of this model for the user. */
const NO_VECTOR = new Float32Array(0);

/**
 * The user's vector of one model and embeddings version: `u:{id}:emb:{model}:{V}` (the offline warm-up or the
 * nearline's live mean) → the user-embeddings artifact `<model>:<user>`. A user the version has no vector for is
 * `null`, cached as an empty vector, so the cache alone answers for such users while the BulkStore is down; the
 * nearline's first vector for the user replaces the marker.
 */
export function userEmbeddingLookup(
  deps: UserLookupDeps,
  models: number,
): TieredLookup<EmbeddingKey, Float32Array | null, Float32Array | Corrupt> {
  const { cache, bulk, keys, settings } = deps;
  return new TieredLookup<EmbeddingKey, Float32Array | null, Float32Array | Corrupt>({
    name: USER_LOOKUPS.embeddings,
    keyOf: (k) => `${k.userId}\u0000${k.model}\u0000${k.version}`,
    l1: l1Of(settings, models),
    guard: deps.guard,
    metrics: deps.metrics,
    clock: deps.clock,
    l2: {
      read: (ks) =>
        readVectors(
          cache,
          ks.map((k) => keys.userEmbedding(k.userId, k.model, k.version)),
        ),
      decode: (vector, k) =>
        vector === CORRUPT
          ? CORRUPT
          : vector.length === 0
            ? null
            : isVectorOf(vector, k.dimension)
              ? vector
              : CORRUPT,
      write: (entries) =>
        cache.batch(
          entries.map(({ key, value }) => ({
            op: "setVector" as const,
            key: keys.userEmbedding(key.userId, key.model, key.version),
            vector: value ?? NO_VECTOR,
            ttlMs: settings.userFillTtlMs,
          })),
        ),
    },
    l3: {
      async read(ks) {
        const out: (Float32Array | null)[] = ks.map(() => null);
        for (const [version, positions] of byVersion(ks)) {
          const artifactKeys = positions.map((i) => {
            const k = ks[i] as EmbeddingKey;
            return embeddingKey(k.model, k.userId);
          });
          const values = await bulk.getArtifacts(ARTIFACT_KINDS.userEmbeddings, version, artifactKeys);
          positions.forEach((i, n) => {
            const bytes = values[n];
            if (bytes === null || bytes === undefined || bytes.length === 0 || bytes.length % 4 !== 0) return;
            out[i] = bytesToFloat32(bytes);
          });
        }
        return out;
      },
    },
  });
}
