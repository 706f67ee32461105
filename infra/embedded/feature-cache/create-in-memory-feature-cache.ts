import { type Clock, systemClock } from "../../../core/clock.ts";
import { ConfigError } from "../../../core/errors.ts";
import { InMemoryFeatureCache } from "./in-memory-feature-cache.ts";

export interface InMemoryFeatureCacheOptions {
  /** Most keys kept; least-recently-used keys are evicted beyond it. */
  readonly maxEntries: number;
  /** Time source for TTLs; a ManualClock in tests. */
  readonly clock?: Clock;
}

/** An in-process FeatureCache bounded to `maxEntries` keys; data lives only as long as the returned object. */
export function createInMemoryFeatureCache(options: InMemoryFeatureCacheOptions): InMemoryFeatureCache {
  const { maxEntries, clock = systemClock } = options;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new ConfigError(`maxEntries must be a positive integer, got ${maxEntries}`, "maxEntries");
  }
  return new InMemoryFeatureCache(maxEntries, clock);
}
