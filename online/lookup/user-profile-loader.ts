import type { Clock } from "../../core/clock.ts";
import { featuresOfTally, type UserFeatures } from "../../core/features/index.ts";
import type { BulkStore, FeatureCache } from "../../core/ports/index.ts";
import { decodeHistoryEntry, type HistoryEntry, tallyOfFeatureHash } from "../../core/user-state/index.ts";
import { cacheKeys, EMBEDDING_MODELS } from "../../schemas/index.ts";
import type { DependencyGuard } from "../resilience/types.ts";
import { type LookupMetrics, noLookupMetrics } from "./lookup-metrics.ts";
import { mergeActions } from "./merge-actions.ts";
import { failureReason, type LookupResult } from "./tiered-lookup.ts";
import type { ServingSnapshot, Tier, UserProfile } from "./types.ts";
import {
  archiveLookup,
  type EmbeddingKey,
  publishedFeaturesLookup,
  type UserLookupSettings,
  userEmbeddingLookup,
} from "./user-lookups.ts";

export interface UserProfileLoaderDeps {
  readonly cache: FeatureCache;
  readonly bulk: BulkStore;
  readonly guard: DependencyGuard;
  readonly clock: Clock;
  /** The serving snapshot, for the active features and embeddings versions and the vector sizes. */
  readonly snapshot: () => ServingSnapshot | null;
  readonly settings: UserLookupSettings;
  readonly metrics?: LookupMetrics;
  /** Key prefix (the namespace), as the nearline and offline tiers use it; usually the cache adapter adds it. */
  readonly keyPrefix?: string;
}

export interface UserProfileLoader {
  /** Everything known about the user within `timeoutMs`; never rejects, a failing tier leaves its part out. */
  load(userId: string, options: { readonly timeoutMs: number }): Promise<UserProfile>;
  /** Drops the user's L1 entries, e.g. after the user acted, so the next load reads L2 again. */
  invalidate(userId: string): void;
  /** Resolves when the background L2 fills started so far are done (tests, shutdown). */
  flush(): Promise<void>;
}

const MODELS: readonly string[] = Object.values(EMBEDDING_MODELS);
const DEPTH: Record<Tier | "none", number> = { none: 0, l1: 1, l2: 2, l3: 3 };

interface LiveState {
  readonly history: HistoryEntry[];
  readonly features: UserFeatures | null;
  readonly tier: "l2" | "none";
  readonly failure: string | null;
}

/** The vector size of a model's users: its items' (item2vec-recent users live in Item2Vec's space). */
function dimensionOf(snapshot: ServingSnapshot, model: string): number | null {
  const items = model === EMBEDDING_MODELS.item2vecRecent ? EMBEDDING_MODELS.item2vec : model;
  return snapshot.embeddings.get(items)?.dimension ?? null;
}

/**
 * Loads a UserProfile: the nearline's live history and feature counters (read from L2 on every call, they change
 * with each event), merged with the archive, the published features and the user's vectors, each through
 * L1 → L2 → L3. Parts run in parallel under one deadline.
 */
export function createUserProfileLoader(deps: UserProfileLoaderDeps): UserProfileLoader {
  const keys = cacheKeys(deps.keyPrefix ?? "");
  const lookupDeps = { ...deps, keys, metrics: deps.metrics ?? noLookupMetrics };
  const archive = archiveLookup(lookupDeps);
  const published = publishedFeaturesLookup(lookupDeps);
  const embeddings = userEmbeddingLookup(lookupDeps, MODELS.length);

  async function readLive(userId: string, timeoutMs: number): Promise<LiveState> {
    try {
      const [entries, hash] = await deps.guard.call(
        "cache",
        () =>
          Promise.all([
            deps.cache.lrange(keys.userHistory(userId), 0, -1),
            deps.cache.hgetall(keys.userFeatures(userId)),
          ]),
        timeoutMs,
      );
      const history = entries.map(decodeHistoryEntry).filter((e): e is HistoryEntry => e !== null);
      const tally = tallyOfFeatureHash(hash);
      const features = tally ? featuresOfTally(userId, tally, deps.clock.now()) : null;
      return { history, features, tier: "l2", failure: null };
    } catch (error) {
      return { history: [], features: null, tier: "none", failure: failureReason("cache", error) };
    }
  }

  const none = <V>(): Promise<LookupResult<V> | null> => Promise.resolve(null);

  async function load(userId: string, options: { readonly timeoutMs: number }): Promise<UserProfile> {
    const { timeoutMs } = options;
    const snapshot = deps.snapshot();
    const featuresVersion = snapshot?.versions.features ?? null;
    const embeddingsVersion = snapshot?.versions.embeddings ?? null;
    // Only models whose items the snapshot holds: a user vector without item vectors recalls nothing.
    const embeddingKeys: EmbeddingKey[] = [];
    for (const model of MODELS) {
      const dimension = snapshot && embeddingsVersion ? dimensionOf(snapshot, model) : null;
      if (dimension !== null)
        embeddingKeys.push({ userId, model, version: embeddingsVersion as string, dimension });
    }
    // The live read shares the budget with the tiers below the other parts, as they run side by side.
    const [live, archived, publishedFeatures, vectors] = await Promise.all([
      readLive(userId, Math.max(1, timeoutMs / 2)),
      archive.load(userId, timeoutMs),
      featuresVersion
        ? published.load({ userId, version: featuresVersion }, timeoutMs)
        : none<UserFeatures | null>(),
      embeddingKeys.length > 0 ? embeddings.loadMany(embeddingKeys, timeoutMs) : Promise.resolve([]),
    ]);
    const merged = mergeActions(live.history, archived.value ?? []);
    const failures = new Set<string>();
    if (live.failure) failures.add(live.failure);
    for (const result of [archived, publishedFeatures, ...vectors]) {
      for (const failure of result?.failures ?? []) failures.add(failure);
    }
    const vectorOf = new Map<string, Float32Array>();
    let embeddingsTier: Tier | "none" = "none";
    vectors.forEach((result, i) => {
      if (result.value === undefined || result.value === null) return;
      vectorOf.set((embeddingKeys[i] as EmbeddingKey).model, result.value);
      if (DEPTH[result.tier] > DEPTH[embeddingsTier]) embeddingsTier = result.tier;
    });
    const useLive = live.features !== null;
    return {
      userId,
      actions: merged.actions,
      seen: merged.seen,
      lastLiked: merged.lastLiked,
      features: useLive ? live.features : (publishedFeatures?.value ?? null),
      embeddings: vectorOf,
      tiers: {
        history: live.tier,
        archive: archived.tier,
        features: useLive ? "l2" : publishedFeatures?.value ? publishedFeatures.tier : "none",
        embeddings: embeddingsTier,
      },
      failures: [...failures],
    };
  }

  return {
    load,
    invalidate(userId) {
      archive.forget(userId);
      const snapshot = deps.snapshot();
      const featuresVersion = snapshot?.versions.features;
      if (featuresVersion) published.forget({ userId, version: featuresVersion });
      const embeddingsVersion = snapshot?.versions.embeddings;
      if (embeddingsVersion) {
        for (const model of MODELS)
          embeddings.forget({ userId, model, version: embeddingsVersion, dimension: null });
      }
    },
    async flush() {
      await Promise.all([archive.flush(), published.flush(), embeddings.flush()]);
    },
  };
}
