/** One write in a {@link FeatureCache.batch} or {@link FeatureCache.applyAtomically} call. */
export type CacheWrite =
  | { readonly op: "set"; readonly key: string; readonly value: string; readonly ttlMs?: number }
  | { readonly op: "del"; readonly key: string }
  | { readonly op: "expire"; readonly key: string; readonly ttlMs: number }
  | {
      readonly op: "hset";
      readonly key: string;
      readonly fields: Readonly<Record<string, string>>;
      readonly ttlMs?: number;
    }
  | {
      readonly op: "hincrby";
      readonly key: string;
      readonly field: string;
      readonly by: number;
      readonly ttlMs?: number;
    }
  | {
      /** Push to the head of a list, then keep only the newest `cap` entries. */
      readonly op: "lpush";
      readonly key: string;
      readonly values: readonly string[];
      readonly cap: number;
      readonly ttlMs?: number;
    }
  | {
      readonly op: "zincrby";
      readonly key: string;
      readonly member: string;
      readonly by: number;
      readonly ttlMs?: number;
    }
  | {
      readonly op: "zadd";
      readonly key: string;
      readonly entries: readonly { readonly member: string; readonly score: number }[];
      readonly ttlMs?: number;
    }
  | {
      readonly op: "setVector";
      readonly key: string;
      readonly vector: Float32Array;
      readonly ttlMs?: number;
    };

/** Where a consumer records how far it applied a partition, written together with its state writes. */
export interface Checkpoint {
  /** Hash key holding the offsets, e.g. the `nearline:offsets` key from schemas/. */
  readonly key: string;
  /** Field within the hash, e.g. `<topic>:<partition>`. */
  readonly field: string;
  /** The next offset to apply after these writes. */
  readonly offset: number;
  /**
   * When given, nothing is applied (the call resolves false) unless this key exists. A writer sets it once when
   * it starts; a cache that lost its data (a restart without persistence) then refuses the writer's later writes
   * instead of taking partial state, and the writer rebuilds.
   */
  readonly guardKey?: string;
}

export interface ScoredMember {
  readonly member: string;
  readonly score: number;
}

/**
 * A fast key-value store for hot state (the Redis / EVcache role).
 *
 * Guarantees every adapter keeps (checked by the contract suite):
 * - A missing or expired key reads as null (strings, vectors), `{}` (hashes) or `[]` (lists, sorted sets); never throws.
 * - TTLs follow Redis and count from the write that sets them. `set` and `setVector` (stored with SET) replace
 *   the key's expiry: `ttlMs` from now, or none without `ttlMs`. `hset`, `hincrby`, `lpush`, `zincrby` and `zadd`
 *   set it to `ttlMs` from now when given, and otherwise keep the key's current expiry (a key they create has
 *   none). `expire` sets `ttlMs` from now on an existing key and does nothing to a missing one; `del` removes the
 *   key and its expiry.
 * - Capped lists keep the newest `cap` entries, newest first.
 * - Vectors round-trip bit-exactly as little-endian Float32.
 * - `batch` applies writes in order but not atomically; `applyAtomically` applies all or none, and only when
 *   the checkpoint's stored offset is below the new one, so replaying an event after a crash changes nothing.
 * - The embedded adapter may evict least-recently-used keys when over its entry bound; callers must treat any
 *   key as possibly missing and fall back to the next tier. Checkpoints are ordinary keys: a missing checkpoint,
 *   or a missing state key whose checkpoint is still there, means the consumer must rebuild that state from the
 *   log, as after a Redis restart without persistence. Eviction never removes a key written by an
 *   `applyAtomically` call, or its checkpoint, in the same step (the bound may be exceeded until the next write).
 */
export interface FeatureCache {
  get(key: string): Promise<string | null>;
  /** Values in the order of `keys`, null where missing. */
  mget(keys: readonly string[]): Promise<(string | null)[]>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  del(keys: readonly string[]): Promise<void>;
  /** Remaining time to live in ms; null when the key is missing or has no expiry. */
  ttl(key: string): Promise<number | null>;
  hgetall(key: string): Promise<Record<string, string>>;
  hget(key: string, field: string): Promise<string | null>;
  /** Entries `start..stop` inclusive, newest first; negative indexes count from the end as in Redis. */
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  /** Highest scores first, ranks `start..stop` inclusive; ties by member descending (Redis order). */
  zrevrange(key: string, start: number, stop: number): Promise<ScoredMember[]>;
  zscore(key: string, member: string): Promise<number | null>;
  getVector(key: string): Promise<Float32Array | null>;
  mgetVectors(keys: readonly string[]): Promise<(Float32Array | null)[]>;
  /** Apply writes in order in one round trip; not atomic. */
  batch(writes: readonly CacheWrite[]): Promise<void>;
  /**
   * Apply all writes and store the checkpoint in one atomic step, unless the stored checkpoint is already at
   * or past `checkpoint.offset`. Resolves true when applied, false when skipped as already applied.
   */
  applyAtomically(writes: readonly CacheWrite[], checkpoint: Checkpoint): Promise<boolean>;
  /** The stored checkpoint offset for `field`, or null. */
  getCheckpoint(key: string, field: string): Promise<number | null>;
  close(): Promise<void>;
}
