import type { Clock } from "../../../core/clock.ts";
import { checkCheckpointInput } from "../../../core/ports/checks/index.ts";
import type {
  CacheWrite,
  Checkpoint,
  FeatureCache,
  ScoredMember,
} from "../../../core/ports/feature-cache.ts";
import { bytesToFloat32 } from "../../../core/vector-bytes.ts";
import { applyWrite } from "./apply-write.ts";
import { closedError } from "./cache-errors.ts";
import { checkpointWrite, readCheckpoint } from "./checkpoint.ts";
import { ExpiringLruMap } from "./expiring-lru-map.ts";
import { resolveIndexRange } from "./index-range.ts";
import { byScoreDescending } from "./sorted-set-order.ts";
import { type CacheStore, readKind } from "./typed-access.ts";
import { validateWrites } from "./validate-writes.ts";
import type { CacheValue } from "./values.ts";

/**
 * The Redis role in one process: string, hash, list, sorted-set and vector values with lazy per-key TTLs, bounded
 * by entry count with least-recently-used eviction (any read or write of a key refreshes it).
 *
 * Beyond the port: every batch is validated before anything is applied, so even `batch` is all-or-none here, and a
 * key of the wrong kind rejects with code `wrong_type` (a vector is its own kind, unlike Redis where it is a string).
 * Checkpoint hashes are ordinary keys: if LRU pressure evicts one, the consumer sees no checkpoint and must rebuild
 * its state from the log, exactly as after a Redis restart without persistence. The eviction right after an
 * `applyAtomically` spares the keys that call wrote and its checkpoint (the bound may be exceeded until the next
 * write), so a call's result is never half gone while its checkpoint says it was applied.
 */
export class InMemoryFeatureCache implements FeatureCache {
  readonly #store: CacheStore;
  readonly #clock: Clock;
  #closed = false;

  constructor(maxEntries: number, clock: Clock) {
    this.#store = new ExpiringLruMap<CacheValue>(maxEntries);
    this.#clock = clock;
  }

  /** Number of live keys, for checking the bound. */
  size(): number {
    return this.#store.size(this.#now());
  }

  async get(key: string): Promise<string | null> {
    return readKind(this.#store, key, "string", this.#now())?.text ?? null;
  }

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    const now = this.#now();
    return keys.map((key) => readKind(this.#store, key, "string", now)?.text ?? null);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.#write([{ op: "set", key, value, ttlMs }]);
  }

  async del(keys: readonly string[]): Promise<void> {
    this.#write(keys.map((key) => ({ op: "del", key })));
  }

  async ttl(key: string): Promise<number | null> {
    const now = this.#now();
    const expiresAt = this.#store.get(key, now)?.expiresAt ?? null;
    return expiresAt === null ? null : expiresAt - now;
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    return Object.fromEntries(readKind(this.#store, key, "hash", this.#now())?.fields ?? []);
  }

  async hget(key: string, field: string): Promise<string | null> {
    return readKind(this.#store, key, "hash", this.#now())?.fields.get(field) ?? null;
  }

  async lrange(key: string, start: number, stop: number): Promise<string[]> {
    const items = readKind(this.#store, key, "list", this.#now())?.items ?? [];
    const { from, to } = resolveIndexRange(start, stop, items.length);
    return items.slice(from, to);
  }

  async zrevrange(key: string, start: number, stop: number): Promise<ScoredMember[]> {
    const zset = readKind(this.#store, key, "zset", this.#now());
    if (zset === undefined) return [];
    const { from, to } = resolveIndexRange(start, stop, zset.scores.size);
    return from === to ? [] : byScoreDescending(zset.scores).slice(from, to);
  }

  async zscore(key: string, member: string): Promise<number | null> {
    return readKind(this.#store, key, "zset", this.#now())?.scores.get(member) ?? null;
  }

  async getVector(key: string): Promise<Float32Array | null> {
    return this.#vectorAt(key, this.#now());
  }

  async mgetVectors(keys: readonly string[]): Promise<(Float32Array | null)[]> {
    const now = this.#now();
    return keys.map((key) => this.#vectorAt(key, now));
  }

  async batch(writes: readonly CacheWrite[]): Promise<void> {
    this.#write(writes);
  }

  async applyAtomically(writes: readonly CacheWrite[], checkpoint: Checkpoint): Promise<boolean> {
    checkCheckpointInput(checkpoint);
    const now = this.#now();
    if (checkpoint.guardKey !== undefined && this.#store.get(checkpoint.guardKey, now) === undefined)
      return false;
    const stored = readCheckpoint(this.#store, checkpoint.key, checkpoint.field, now);
    if (stored !== null && stored >= checkpoint.offset) return false;
    // Evicting a key just written while its checkpoint stays would make a replay skip lost state.
    const written = new Set([...writes.map((write) => write.key), checkpoint.key]);
    this.#write([...writes, checkpointWrite(checkpoint)], written);
    return true;
  }

  async getCheckpoint(key: string, field: string): Promise<number | null> {
    return readCheckpoint(this.#store, key, field, this.#now());
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#store.clear();
  }

  /**
   * Validates every write before applying any, all at one instant; synchronous, so nothing interleaves. The
   * eviction that follows passes over the keys in `keep`.
   */
  #write(writes: readonly CacheWrite[], keep?: ReadonlySet<string>): void {
    const now = this.#now();
    validateWrites(this.#store, writes, now);
    for (const write of writes) applyWrite(this.#store, write, now);
    this.#store.evictOverflow(now, keep);
  }

  #vectorAt(key: string, now: number): Float32Array | null {
    const vector = readKind(this.#store, key, "vector", now);
    return vector === undefined ? null : bytesToFloat32(vector.bytes);
  }

  /** The current time; also the single place that refuses calls after close. */
  #now(): number {
    if (this.#closed) throw closedError();
    return this.#clock.now();
  }
}
