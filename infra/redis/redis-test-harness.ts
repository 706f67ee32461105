import { setTimeout as delay } from "node:timers/promises";
import type { ContractHarness } from "../../core/ports/contracts/harness.ts";
import type { FeatureCache } from "../../core/ports/feature-cache.ts";
import { createRedisFeatureCache } from "./create-redis-feature-cache.ts";
import { deleteKeysWithPrefix } from "./delete-keys-with-prefix.ts";
import type { RedisFeatureCache } from "./redis-feature-cache.ts";
import type { RedisFeatureCacheOptions } from "./redis-settings.ts";

/** A contract harness over one Redis and key prefix: each create() is a new client; time passes for real. */
export function redisHarness(
  url: string,
  keyPrefix: string,
  extra: Partial<RedisFeatureCacheOptions> = {},
): ContractHarness<FeatureCache> & { opened: RedisFeatureCache[] } {
  const opened: RedisFeatureCache[] = [];
  return {
    opened,
    async create() {
      // A generous timeout: the shared Redis also serves other test files running at the same time.
      const cache = await createRedisFeatureCache({}, { url, keyPrefix, commandTimeoutMs: 2000, ...extra });
      opened.push(cache);
      return cache;
    },
    advance: (ms) => delay(ms),
    async cleanup() {
      await Promise.all(opened.map((cache) => cache.close()));
      await deleteKeysWithPrefix(url, keyPrefix);
    },
  };
}
