/**
 * The FeatureCache (Redis) key layout; every key Starling reads or writes is built here.
 * User-scoped keys carry the user id in braces-free form `u:{id}:...` so Redis Cluster can shard by key.
 * A prefix (e.g. a test namespace) is put in front of every key.
 */
export function cacheKeys(prefix = "") {
  const p = prefix ? `${prefix}:` : "";
  return {
    /** Capped list of the user's recent item ids, newest first. */
    userHistory: (userId: string) => `${p}u:${userId}:hist`,
    /**
     * The user's archived ratings and clicks (JSON), copied up from the BulkStore by the online tier on a miss,
     * with an expiry; the live `userHistory` list holds what arrived since.
     */
    userArchive: (userId: string) => `${p}u:${userId}:archive`,
    /** The user's embedding (Float32 bytes) for one model of one embeddings version. */
    userEmbedding: (userId: string, model: string, version: string) =>
      `${p}u:${userId}:emb:${model}:${version}`,
    /** Marks one of the user's events as applied by the nearline, so a resent copy changes nothing. */
    userEvent: (userId: string, eventId: string) => `${p}u:${userId}:ev:${eventId}`,
    /** Capped list of the user's liked items (`<item>|<ms>`), newest first: what user embeddings are rebuilt from. */
    userLiked: (userId: string) => `${p}u:${userId}:liked`,
    /** The running sums behind the user's nearline embedding of one model and version (Float64 bytes). */
    userEmbeddingSums: (userId: string, model: string, version: string) =>
      `${p}u:${userId}:esum:${model}:${version}`,
    /** Hash of the user's live features, kept up to date by the nearline tier. */
    userFeatures: (userId: string) => `${p}u:${userId}:feat`,
    /** The user's offline features of one features version, as JSON. */
    userFeaturesAt: (userId: string, version: string) => `${p}u:${userId}:feat:${version}`,
    /** An item's engineered features of one features version, as JSON. */
    itemFeatures: (version: string, itemId: string) => `${p}ifeat:${version}:${itemId}`,
    /** The fitted feature transforms of one features version, as JSON. */
    featureTransforms: (version: string) => `${p}ftrans:${version}`,
    /** Sorted set of an item's strongest behaviour-graph successors in one offline version, scored by weight. */
    graphNext: (version: string, itemId: string) => `${p}gnext:${version}:${itemId}`,
    /** Sorted set of behaviour-graph neighbours of an item, scored by edge weight. */
    itemNext: (itemId: string) => `${p}i:${itemId}:next`,
    /** Sorted set of trending items for a window name such as `1h`. */
    trending: (window: string) => `${p}trend:${window}`,
    /** Sorted set of decayed item counts of one half-life and epoch (see core/trending). */
    trendingEpoch: (halfLifeMinutes: number, epoch: number) => `${p}trend:${halfLifeMinutes}m:${epoch}`,
    /** An item's embedding (Float32 bytes) of one model version. */
    itemEmbedding: (model: string, version: string, itemId: string) =>
      `${p}emb:${model}:${version}:${itemId}`,
    /** Hash of an item's published statistics for a features version. */
    itemStats: (version: string, itemId: string) => `${p}istat:${version}:${itemId}`,
    /** Sorted set of the top items of a genre (`*` for all genres) for a popularity version. */
    topItems: (version: string, genre: string) => `${p}top:${version}:${genre}`,
    /** Sorted set of the most rated items for a popularity version, scored by rating count. */
    popular: (version: string) => `${p}pop:${version}`,
    /** Set by each nearline process when it starts; while it exists, the cache still holds what it wrote. */
    nearlineGuard: (processId: string) => `${p}nearline:guard:${processId}`,
    /** Hash of partition -> next offset that the nearline consumer has applied. */
    nearlineOffsets: () => `${p}nearline:offsets`,
  } as const;
}

export type CacheKeys = ReturnType<typeof cacheKeys>;

/** The genre name `topItems` uses for the list over all genres. */
export const ALL_GENRES = "*";
