import { ExpiryHeap } from "./expiry-heap.ts";
import { RecencyList, type RecencyNode } from "./recency-list.ts";

/** A stored value and when it expires (ms since the epoch), or null for never. */
export interface Entry<V> {
  value: V;
  expiresAt: number | null;
}

interface Node<V> extends Entry<V>, RecencyNode {}

/** Stale heap entries allowed beyond the live ones before the heap is rebuilt. */
const staleScheduleSlack = 64;

function isExpired(entry: Entry<unknown>, now: number): boolean {
  return entry.expiresAt !== null && entry.expiresAt <= now;
}

/**
 * Keys with per-key expiry, kept in least-recently-used order; lookups, touches and evictions are O(1). Expiry is
 * lazy: a key is removed when it is found expired, and `evictOverflow` drops every expired key before evicting any
 * live one.
 */
export class ExpiringLruMap<V> {
  readonly #entries = new Map<string, Node<V>>();
  readonly #recency = new RecencyList<Node<V>>();
  readonly #expiries = new ExpiryHeap();

  constructor(readonly maxEntries: number) {}

  /** The live entry for `key`, marked most recently used; an expired entry is removed and reads as undefined. */
  get(key: string, now: number): Entry<V> | undefined {
    const node = this.#entries.get(key);
    if (node === undefined || this.#removeIfExpired(node, now)) return undefined;
    this.#recency.touch(node);
    return node;
  }

  /** Like `get` but leaves recency unchanged. */
  peek(key: string, now: number): Entry<V> | undefined {
    const node = this.#entries.get(key);
    return node === undefined || this.#removeIfExpired(node, now) ? undefined : node;
  }

  /** Stores `value` as the most recently used key, replacing any earlier value and expiry. */
  set(key: string, value: V, expiresAt: number | null): void {
    this.delete(key);
    const node: Node<V> = { key, value, expiresAt, older: null, newer: null };
    this.#entries.set(key, node);
    this.#recency.push(node);
    this.#schedule(key, expiresAt);
  }

  /** Changes the expiry of a live key; does nothing for a missing or expired key. */
  setExpiry(key: string, expiresAt: number | null, now: number): void {
    const entry = this.peek(key, now);
    if (entry === undefined || entry.expiresAt === expiresAt) return;
    entry.expiresAt = expiresAt;
    this.#schedule(key, expiresAt);
  }

  delete(key: string): void {
    const node = this.#entries.get(key);
    if (node === undefined) return;
    this.#entries.delete(key);
    this.#recency.unlink(node);
  }

  /**
   * Drops expired keys, then least-recently-used ones until at most `maxEntries` remain. Keys in `keep` are
   * passed over; when only they are left the map stays over its bound until a later call.
   */
  evictOverflow(now: number, keep?: ReadonlySet<string>): void {
    this.purgeExpired(now);
    let node: RecencyNode | null = this.#recency.oldest;
    while (this.#entries.size > this.maxEntries && node !== null) {
      const newer: RecencyNode | null = node.newer;
      if (keep === undefined || !keep.has(node.key)) this.delete(node.key);
      node = newer;
    }
  }

  /** Removes every key whose expiry has passed. */
  purgeExpired(now: number): void {
    for (const key of this.#expiries.popDue(now)) this.peek(key, now);
  }

  /** Number of live keys. */
  size(now: number): number {
    this.purgeExpired(now);
    return this.#entries.size;
  }

  /** Heap entries awaiting their time, live or stale; exposed so tests can check stale ones are dropped. */
  get scheduledExpiries(): number {
    return this.#expiries.size;
  }

  clear(): void {
    this.#entries.clear();
    this.#recency.clear();
    this.#expiries.reset([]);
  }

  /** Removes `node` if its time has passed; true when it did. */
  #removeIfExpired(node: Node<V>, now: number): boolean {
    if (!isExpired(node, now)) return false;
    this.delete(node.key);
    return true;
  }

  #schedule(key: string, expiresAt: number | null): void {
    if (expiresAt === null) return;
    this.#expiries.push(expiresAt, key);
    // Each TTL refresh leaves a stale heap entry; rebuild once they dominate so memory stays proportional to keys.
    if (this.#expiries.size > 2 * this.#entries.size + staleScheduleSlack) this.#rebuildSchedule();
  }

  #rebuildSchedule(): void {
    const live: { at: number; key: string }[] = [];
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt !== null) live.push({ at: entry.expiresAt, key });
    }
    this.#expiries.reset(live);
  }
}
