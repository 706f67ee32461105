export { createItemVectors, type VectorTable } from "./item-vectors.ts";
export {
  type CountingLookupMetrics,
  createCountingLookupMetrics,
  type LookupMetrics,
  type LookupOutcome,
  noLookupMetrics,
} from "./lookup-metrics.ts";
export { type MergedActions, mergeActions } from "./merge-actions.ts";
export {
  anyPublished,
  loadServingSnapshot,
  type ServingSnapshotLoaderDeps,
  type ServingVersions,
  sameVersions,
  servingVersionsOf,
} from "./serving-snapshot-loader.ts";
export {
  createSnapshotHolder,
  type SnapshotHolder,
  type SnapshotHolderDeps,
  type SnapshotHolderOptions,
} from "./snapshot-holder.ts";
export {
  type BulkTier,
  type CacheTier,
  CORRUPT,
  type Corrupt,
  failureReason,
  type LookupResult,
  TieredLookup,
  type TieredLookupOptions,
} from "./tiered-lookup.ts";
export { TtlLru } from "./ttl-lru.ts";
export type * from "./types.ts";
export { USER_LOOKUPS, type UserLookupSettings } from "./user-lookups.ts";
export {
  createUserProfileLoader,
  type UserProfileLoader,
  type UserProfileLoaderDeps,
} from "./user-profile-loader.ts";
