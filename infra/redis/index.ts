export { createRedisFeatureCache, type RedisFeatureCacheDeps } from "./create-redis-feature-cache.ts";
export { deleteKeysWithPrefix } from "./delete-keys-with-prefix.ts";
export type { RedisFeatureCache } from "./redis-feature-cache.ts";
export type { RedisClientMode, RedisFeatureCacheOptions } from "./redis-settings.ts";
