import { type Clock, systemClock } from "../../core/clock.ts";
import { type Dependency, type DependencyGuard, DependencyUnavailable } from "../resilience/types.ts";
import { type LookupMetrics, noLookupMetrics } from "./lookup-metrics.ts";
import { TtlLru } from "./ttl-lru.ts";
import type { Tier } from "./types.ts";

/** What a cache tier's `decode` returns for a stored value it cannot read. */
export const CORRUPT: unique symbol = Symbol("corrupt");
export type Corrupt = typeof CORRUPT;

/** The FeatureCache side of a lookup (L2). `read` and `write` run through the guard as `cache`. */
export interface CacheTier<K, V, R> {
  /** The stored raw values, in the order of `keys`, null where absent. */
  read(keys: readonly K[]): Promise<(R | null)[]>;
  /** The value of a stored raw value, or CORRUPT (bad JSON, a vector of the wrong length...). */
  decode(raw: R, key: K): V | Corrupt;
  /** Copies values found in the tier below up into the cache. */
  write(entries: readonly { readonly key: K; readonly value: V }[]): Promise<void>;
}

/** The BulkStore side of a lookup (L3), run through the guard as `bulk`. */
export interface BulkTier<K, V> {
  /** The values, in the order of `keys`, undefined where absent. */
  read(keys: readonly K[]): Promise<(V | undefined)[]>;
}

export interface TieredLookupOptions<K, V, R> {
  /** The lookup's name in metrics, e.g. `userArchive`. */
  readonly name: string;
  /** The L1 key and the coalescing key of a lookup key; must be unique per distinct key. */
  readonly keyOf: (key: K) => string;
  /** The process-local tier; left out (or `entries` 0 / `ttlMs` 0), values are never kept in process. */
  readonly l1?: { readonly entries: number; readonly ttlMs: number };
  readonly l2?: CacheTier<K, V, R>;
  readonly l3?: BulkTier<K, V>;
  readonly guard: DependencyGuard;
  readonly metrics?: LookupMetrics;
  /** Time source of the L1 expiry. */
  readonly clock?: Clock;
  /** Keep a key no tier had in L1 too (for its TTL), so an absent key does not reach L2/L3 on every request. */
  readonly rememberMisses?: boolean;
  /**
   * Share of the remaining budget the L2 call may use when an L3 follows, so a paused cache leaves time for
   * the bulk store (default 0.5).
   */
  readonly l2BudgetShare?: number;
  /**
   * The L3 read's timeout when the caller's budget is shorter (default 1000 ms): the caller gets a timeout at its
   * deadline, and a slow but healthy bulk store still fills the tiers above for the next request.
   */
  readonly backgroundMs?: number;
  /** Timeout of a background L2 fill (default 1000 ms). */
  readonly fillTimeoutMs?: number;
  /** Monotonic ms for deadlines (default performance.now). */
  readonly monotonicNow?: () => number;
}

/** One key's answer. */
export interface LookupResult<V> {
  /** Undefined when no tier had the key (or the tiers that might have failed). */
  readonly value: V | undefined;
  /** The tier the value came from; "none" without a value. */
  readonly tier: Tier | "none";
  /**
   * Why tiers were skipped, as degraded reasons `<dependency>:<timeout|open|error>` (e.g. `cache:timeout`),
   * even when a lower tier still answered. Empty when every tier that was asked answered.
   */
  readonly failures: readonly string[];
}

/** An in-flight load of some keys: which dependency it waits on now, for the reason of a joiner's timeout. */
interface Batch {
  stage: Dependency;
}

interface Flight<V> {
  readonly batch: Batch;
  readonly result: Promise<LookupResult<V>>;
}

/** L1 holds either a value or the memory of a miss. */
type Held<V> = { readonly value: V } | { readonly miss: true };

const MISS: Held<never> = { miss: true };

/** A failure as a degraded reason. */
export function failureReason(dependency: Dependency, error: unknown): string {
  if (error instanceof DependencyUnavailable) return `${error.dependency}:${error.reason}`;
  return `${dependency}:error`;
}

/**
 * L1 (process LRU, short TTL) → L2 (FeatureCache) → L3 (BulkStore), filling the upper tiers on the way back:
 * an L3 answer is written to L2 in the background (best effort) and to L1, an L2 answer to L1. Concurrent
 * loads of one key share one in-flight load. A tier that fails or times out is skipped and named in
 * `failures`; a corrupt L2 value counts as a miss there.
 */
export class TieredLookup<K, V, R = string> {
  private readonly l1: TtlLru<Held<V>> | null;
  private readonly inflight = new Map<string, Flight<V>>();
  private readonly fills = new Set<Promise<void>>();
  private readonly metrics: LookupMetrics;
  private readonly now: () => number;

  constructor(private readonly options: TieredLookupOptions<K, V, R>) {
    const { l1 } = options;
    const clock = options.clock ?? systemClock;
    this.l1 =
      l1 && l1.entries >= 1 && l1.ttlMs > 0
        ? new TtlLru<Held<V>>(l1.entries, l1.ttlMs, () => clock.now())
        : null;
    this.metrics = options.metrics ?? noLookupMetrics;
    this.now = options.monotonicNow ?? (() => performance.now());
  }

  get name(): string {
    return this.options.name;
  }

  /** One key within `timeoutMs` (the lookup's whole budget, across tiers). */
  async load(key: K, timeoutMs: number): Promise<LookupResult<V>> {
    const [result] = await this.loadMany([key], timeoutMs);
    return result as LookupResult<V>;
  }

  /**
   * Several keys at once: one L2 call for those L1 lacks, one L3 call for those L2 lacks. A key another caller
   * is already loading joins that load. The caller waits until its own deadline at most; a load still running
   * then goes on in the background (L3 for at least `backgroundMs`) and fills the tiers for the next request.
   */
  async loadMany(keys: readonly K[], timeoutMs: number): Promise<LookupResult<V>[]> {
    const deadline = this.now() + timeoutMs;
    const settled = new Map<string, LookupResult<V>>();
    const waiting = new Map<string, Flight<V>>();
    const fresh: K[] = [];
    for (const key of keys) {
      const id = this.options.keyOf(key);
      if (settled.has(id) || waiting.has(id)) continue;
      const held = this.l1?.get(id);
      if (held !== undefined) settled.set(id, this.fromL1(held));
      else {
        const flight = this.inflight.get(id);
        if (flight) waiting.set(id, flight);
        else fresh.push(key);
      }
    }
    if (fresh.length > 0) this.startFlight(fresh, deadline, waiting);
    if (waiting.size > 0) await this.awaitFlights(waiting, settled, deadline);
    return keys.map((key) => settled.get(this.options.keyOf(key)) as LookupResult<V>);
  }

  private startFlight(keys: readonly K[], deadline: number, waiting: Map<string, Flight<V>>): void {
    const batch: Batch = { stage: "cache" };
    const loaded = this.fetch(keys, deadline, batch);
    for (const [i, key] of keys.entries()) {
      const id = this.options.keyOf(key);
      const flight = { batch, result: loaded.then((all) => all[i] as LookupResult<V>) };
      this.inflight.set(id, flight);
      waiting.set(id, flight);
    }
    void loaded.finally(() => {
      for (const key of keys) this.inflight.delete(this.options.keyOf(key));
    });
  }

  /** Collects the flights' answers until the deadline; a key still loading then times out at its stage. */
  private async awaitFlights(
    waiting: ReadonlyMap<string, Flight<V>>,
    settled: Map<string, LookupResult<V>>,
    deadline: number,
  ): Promise<void> {
    const answers = new Map<string, LookupResult<V>>();
    const all = Promise.all(
      [...waiting].map(([id, flight]) => flight.result.then((result) => void answers.set(id, result))),
    );
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.remaining(deadline));
    });
    await Promise.race([all, expired]).finally(() => clearTimeout(timer));
    for (const [id, flight] of waiting) {
      const result = answers.get(id) ?? {
        value: undefined,
        tier: "none" as const,
        failures: [`${flight.batch.stage}:timeout`],
      };
      this.metrics.onOutcome(this.options.name, result.tier === "none" ? "miss" : result.tier);
      settled.set(id, result);
    }
  }

  /** Forgets a key in L1, e.g. after the user acted. */
  forget(key: K): void {
    this.l1?.delete(this.options.keyOf(key));
  }

  /** Resolves when every background L2 fill started so far has finished. */
  async flush(): Promise<void> {
    while (this.fills.size > 0) await Promise.allSettled([...this.fills]);
  }

  private fromL1(held: Held<V>): LookupResult<V> {
    if ("miss" in held) {
      this.metrics.onOutcome(this.options.name, "miss");
      return { value: undefined, tier: "none", failures: [] };
    }
    this.metrics.onOutcome(this.options.name, "l1");
    return { value: held.value, tier: "l1", failures: [] };
  }

  private remaining(deadline: number): number {
    return Math.max(0, deadline - this.now());
  }

  /** The keys through L2 then L3, in order; never rejects. */
  private async fetch(keys: readonly K[], deadline: number, batch: Batch): Promise<LookupResult<V>[]> {
    const { l2, l3, guard, name } = this.options;
    const found = new Map<number, { value: V; tier: Tier }>();
    const failures: string[] = [];
    let cacheFailed = false;
    let pending = keys.map((_, i) => i);
    if (l2) {
      const share = l3 ? (this.options.l2BudgetShare ?? 0.5) : 1;
      const budget = this.remaining(deadline) * share;
      try {
        if (budget < 1) throw new DependencyUnavailable("cache", "timeout");
        const raw = await guard.call("cache", () => l2.read(pending.map((i) => keys[i] as K)), budget);
        pending = pending.filter((i, n) => {
          const stored = raw[n];
          if (stored === null || stored === undefined) return true;
          const value = this.decode(l2, stored, keys[i] as K);
          if (value === CORRUPT) {
            this.metrics.onOutcome(name, "corrupt", "l2");
            return true;
          }
          found.set(i, { value, tier: "l2" });
          return false;
        });
      } catch (error) {
        cacheFailed = true;
        failures.push(failureReason("cache", error));
        this.metrics.onOutcome(name, "error", "l2");
      }
    }
    let bulkFailed = false;
    const filled: { key: K; value: V }[] = [];
    if (l3 && pending.length > 0) {
      batch.stage = "bulk";
      // The caller stops waiting at its deadline; the read may finish later and still fill the tiers above.
      const budget = Math.max(this.remaining(deadline), this.options.backgroundMs ?? 1000);
      try {
        if (budget < 1) throw new DependencyUnavailable("bulk", "timeout");
        const values = await guard.call("bulk", () => l3.read(pending.map((i) => keys[i] as K)), budget);
        pending.forEach((i, n) => {
          const value = values[n];
          if (value === undefined) return;
          found.set(i, { value, tier: "l3" });
          filled.push({ key: keys[i] as K, value });
        });
      } catch (error) {
        bulkFailed = true;
        failures.push(failureReason("bulk", error));
        this.metrics.onOutcome(name, "error", "l3");
      }
    }
    if (l2 && filled.length > 0 && !cacheFailed) this.fillL2(l2, filled);
    // A miss is only remembered when every tier answered: a failed tier may hold the key.
    const definiteMiss = !cacheFailed && !bulkFailed;
    return keys.map((key, i) => {
      const hit = found.get(i);
      const id = this.options.keyOf(key);
      if (hit) {
        this.l1?.set(id, { value: hit.value });
        return { value: hit.value, tier: hit.tier, failures };
      }
      if (definiteMiss && this.options.rememberMisses) this.l1?.set(id, MISS);
      return { value: undefined, tier: "none", failures };
    });
  }

  /** A decoder that throws found a value it cannot read: corrupt too. */
  private decode(l2: CacheTier<K, V, R>, raw: R, key: K): V | Corrupt {
    try {
      return l2.decode(raw, key);
    } catch {
      return CORRUPT;
    }
  }

  private fillL2(l2: CacheTier<K, V, R>, entries: { key: K; value: V }[]): void {
    const timeout = this.options.fillTimeoutMs ?? 1000;
    const fill = this.options.guard
      .call("cache", () => l2.write(entries), timeout)
      .catch(() => this.metrics.onOutcome(this.options.name, "fill_error", "l2"))
      .finally(() => this.fills.delete(fill));
    this.fills.add(fill);
  }
}
