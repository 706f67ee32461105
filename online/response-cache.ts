import { type Clock, systemClock } from "../core/clock.ts";
import { TtlLru } from "./lookup/ttl-lru.ts";

/** A request parameter as the cache keys it; arrays are sets (order and repeats do not matter). */
export type CacheParam = string | number | boolean | null | undefined | readonly (string | number)[];

export type CacheParams = Readonly<Record<string, CacheParam>>;

/** Served answers per (user, parameters), reused for a short TTL so bursts and reloads cost nothing. */
export interface ResponseCache<V> {
  get(userId: string, params: CacheParams): V | undefined;
  set(userId: string, params: CacheParams, value: V): void;
  /** Forget every cached answer of the user (e.g. after their own event). */
  invalidateUser(userId: string): void;
  clear(): void;
  readonly size: number;
}

export interface ResponseCacheOptions {
  readonly maxEntries: number;
  /** 0 turns the cache off. */
  readonly ttlMs: number;
  readonly clock?: Clock;
}

// Ids never contain '|' (schemas/ids.ts), so a user's keys all start with `<userId>|`.
const SEPARATOR = "|";

export function createResponseCache<V>(options: ResponseCacheOptions): ResponseCache<V> {
  const clock = options.clock ?? systemClock;
  const entries = new TtlLru<V>(options.maxEntries, options.ttlMs, () => clock.now());
  return {
    get: (userId, params) => entries.get(responseCacheKey(userId, params)),
    set: (userId, params, value) => entries.set(responseCacheKey(userId, params), value),
    invalidateUser: (userId) => entries.deletePrefix(`${userId}${SEPARATOR}`),
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}

/**
 * The canonical key of (user, params): parameters sorted by name, absent ones (undefined) left out, array values
 * sorted and de-duplicated, so `exclude=2,1` and `exclude=1,2,2` share an entry.
 */
export function responseCacheKey(userId: string, params: CacheParams): string {
  const names = Object.keys(params)
    .filter((name) => params[name] !== undefined)
    .sort();
  const canonical = names.map((name) => {
    const value = params[name];
    return [name, Array.isArray(value) ? [...new Set(value.map(String))].sort() : value];
  });
  return `${userId}${SEPARATOR}${JSON.stringify(canonical)}`;
}
