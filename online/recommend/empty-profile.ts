import type { UserProfile } from "../lookup/types.ts";

/** What is known of a user whose lookup failed entirely: nothing, so the request degrades to a cold start. */
export function emptyProfile(userId: string, failure: string): UserProfile {
  return {
    userId,
    actions: [],
    seen: new Set(),
    lastLiked: null,
    features: null,
    embeddings: new Map(),
    tiers: {},
    failures: [failure],
  };
}
