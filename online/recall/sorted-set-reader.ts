import type { FeatureCache } from "../../core/ports/index.ts";
import type { SortedSetReader } from "./types.ts";

/** A `SortedSetReader` over the FeatureCache, one ZREVRANGE per key in parallel (no guard: the caller adds it). */
export function sortedSetReader(cache: Pick<FeatureCache, "zrevrange">): SortedSetReader {
  return (keys, count) => Promise.all(keys.map((key) => cache.zrevrange(key, 0, count - 1)));
}
