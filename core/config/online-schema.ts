import { z } from "zod";

/** Settings of the online request path (`recsys online`, and the demo's in-process server). */
export const onlineSchema = z.strictObject({
  /** One budget per recommendation request, split across lookup, recall and ranking. */
  deadlineMs: z.number().int().min(10).max(60_000),
  /** Recommendation requests computed at once per process; more get the popular list at once (load shedding). */
  maxInFlight: z.number().int().min(1).max(100_000),
  /** Entries of the process-local user LRU (the L1 tier). */
  userCacheEntries: z.number().int().min(10).max(10_000_000),
  /** How long an L1 user entry is trusted; short, so nearline updates show within about a second. */
  userCacheTtlMs: z.number().int().min(0).max(3_600_000),
  /** Expiry of user data the online tier copies from the BulkStore into the FeatureCache on a miss. */
  userFillTtlMs: z.number().int().min(1000).max(604_800_000),
  /** How long a served list is reused for the same (user, parameters). */
  responseCacheTtlMs: z.number().int().min(0).max(600_000),
  /** Entries of the response cache. */
  responseCacheEntries: z.number().int().min(10).max(10_000_000),
  /** How often the ControlStore's version pointers, eligibility and experiments are re-read. */
  refreshMs: z.number().int().min(100).max(3_600_000),
  /** A dependency's breaker opens when this share of its recent calls failed or timed out. */
  breakerErrorPercent: z.number().int().min(1).max(100),
  /** How long an open breaker waits before letting one trial call through. */
  breakerResetMs: z.number().int().min(100).max(600_000),
  /** Bearer token of the `/admin` API; empty disables the admin API. */
  adminToken: z.string().max(512),
  /** Write each served list as an impression event to the event log. */
  logImpressions: z.boolean(),
});

export type OnlineConfig = z.infer<typeof onlineSchema>;

export const onlineDefaults: OnlineConfig = {
  deadlineMs: 150,
  maxInFlight: 8,
  userCacheEntries: 100_000,
  userCacheTtlMs: 500,
  userFillTtlMs: 3_600_000,
  responseCacheTtlMs: 1000,
  responseCacheEntries: 50_000,
  refreshMs: 2000,
  breakerErrorPercent: 50,
  breakerResetMs: 5000,
  adminToken: "",
  logImpressions: true,
};
