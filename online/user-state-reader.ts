import type { Clock } from "../core/clock.ts";
import { featuresOfTally, type UserFeatures } from "../core/features/index.ts";
import type { ControlStore, FeatureCache } from "../core/ports/index.ts";
import {
  decodeHistoryEntry,
  FEATURE_FIELDS,
  type HistoryEntry,
  tallyOfFeatureHash,
} from "../core/user-state/index.ts";
import { cacheKeys, EMBEDDING_MODELS, VERSION_KINDS } from "../schemas/index.ts";

/** What the nearline tier keeps about a user, as the online tier reads it back. */
export interface UserStateView {
  readonly userId: string;
  readonly history: HistoryEntry[];
  /** Null before the user's first rating. */
  readonly features: UserFeatures | null;
  readonly clicks: number;
  readonly embeddingsVersion: string | null;
  /** Per model, the user vector of the active embeddings version, when one is stored. */
  readonly embeddings: Record<string, number[]>;
  /** The latest liked item and its strongest behaviour-graph successors. */
  readonly lastLiked: string | null;
  readonly nextItems: { itemId: string; weight: number }[];
}

const GRAPH_NEIGHBOURS = 10;

/** Reads one user's live state from the cache (the nearline tier's keys). */
export async function readUserState(
  deps: { cache: FeatureCache; control: ControlStore; clock: Clock },
  userId: string,
): Promise<UserStateView> {
  const keys = cacheKeys();
  const [entries, hash, version] = await Promise.all([
    deps.cache.lrange(keys.userHistory(userId), 0, -1),
    deps.cache.hgetall(keys.userFeatures(userId)),
    deps.control.activeVersion(VERSION_KINDS.embeddings),
  ]);
  const history = entries.map(decodeHistoryEntry).filter((e): e is HistoryEntry => e !== null);
  const tally = tallyOfFeatureHash(hash);
  const lastLiked = hash[FEATURE_FIELDS.previousLiked] ?? null;
  const models = Object.values(EMBEDDING_MODELS);
  const [vectors, next] = await Promise.all([
    version ? deps.cache.mgetVectors(models.map((m) => keys.userEmbedding(userId, m, version))) : [],
    lastLiked ? deps.cache.zrevrange(keys.itemNext(lastLiked), 0, GRAPH_NEIGHBOURS - 1) : [],
  ]);
  const embeddings: Record<string, number[]> = {};
  models.forEach((model, i) => {
    const vector = vectors[i];
    // An empty vector is the online tier's "known to have none" marker, not a vector.
    if (vector && vector.length > 0) embeddings[model] = Array.from(vector);
  });
  return {
    userId,
    history,
    features: tally ? featuresOfTally(userId, tally, deps.clock.now()) : null,
    clicks: Number(hash[FEATURE_FIELDS.clicks] ?? 0),
    embeddingsVersion: version,
    embeddings,
    lastLiked,
    nextItems: next.map((n) => ({ itemId: n.member, weight: n.score })),
  };
}
