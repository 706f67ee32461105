/** The kinds of value a key can hold, mirroring the Redis types the real adapter uses. */
export type ValueKind = "string" | "hash" | "list" | "zset" | "vector";

/** Kinds that writes create empty on demand and then modify in place. */
export type CollectionKind = "hash" | "list" | "zset";

export type CacheValue =
  | { readonly kind: "string"; readonly text: string }
  | { readonly kind: "hash"; readonly fields: Map<string, string> }
  /** Newest entry first, as LPUSH leaves a Redis list. */
  | { readonly kind: "list"; items: string[] }
  | { readonly kind: "zset"; readonly scores: Map<string, number> }
  /** Little-endian Float32 bytes, the same bytes the Redis adapter stores. */
  | { readonly kind: "vector"; readonly bytes: Uint8Array };

export type ValueOfKind<K extends ValueKind> = Extract<CacheValue, { kind: K }>;

/** A new empty collection of `kind`. */
export function emptyCollection<K extends CollectionKind>(kind: K): ValueOfKind<K> {
  const empty: { [C in CollectionKind]: () => ValueOfKind<C> } = {
    hash: () => ({ kind: "hash", fields: new Map() }),
    list: () => ({ kind: "list", items: [] }),
    zset: () => ({ kind: "zset", scores: new Map() }),
  };
  return empty[kind]() as ValueOfKind<K>;
}
