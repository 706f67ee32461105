export {
  createInMemoryFeatureCache,
  type InMemoryFeatureCacheOptions,
} from "./create-in-memory-feature-cache.ts";
export type { InMemoryFeatureCache } from "./in-memory-feature-cache.ts";
