import { wrongTypeError } from "./cache-errors.ts";
import type { ExpiringLruMap } from "./expiring-lru-map.ts";
import {
  type CacheValue,
  type CollectionKind,
  emptyCollection,
  type ValueKind,
  type ValueOfKind,
} from "./values.ts";

export type CacheStore = ExpiringLruMap<CacheValue>;

/** The live value at `key` (marked recently used) if it is a `kind`; undefined when missing; wrong_type otherwise. */
export function readKind<K extends ValueKind>(
  store: CacheStore,
  key: string,
  kind: K,
  now: number,
): ValueOfKind<K> | undefined {
  const entry = store.get(key, now);
  if (entry === undefined) return undefined;
  if (entry.value.kind !== kind) throw wrongTypeError(key, kind, entry.value.kind);
  return entry.value as ValueOfKind<K>;
}

/** The live collection at `key` to modify in place, created empty (without expiry) when missing. */
export function collectionFor<K extends CollectionKind>(
  store: CacheStore,
  key: string,
  kind: K,
  now: number,
): ValueOfKind<K> {
  const existing = readKind(store, key, kind, now);
  if (existing !== undefined) return existing;
  const created = emptyCollection(kind);
  store.set(key, created, null);
  return created;
}
