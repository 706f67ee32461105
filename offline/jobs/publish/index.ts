export { pruneVersions } from "./prune-versions.ts";
export { PUBLISH_LEASE, type PublishLease, withPublishLease } from "./publish-lease.ts";
export { nextVersionId, type PublishOptions, type PublishResult, publishVersion } from "./publish-version.ts";
export { type RollbackResult, rollback } from "./rollback.ts";
export { jsonBytes, parseJsonBytes, type VersionBundle, type VersionScore } from "./version-bundle.ts";
export { decidePromotion, readVersionScore } from "./version-score.ts";
