import { z } from "zod";

/** Settings of the nearline consumers (`recsys nearline`, and the demo's in-process consumer). */
export const nearlineSchema = z.strictObject({
  /** Recent events kept per user (the online tier's "already seen" and "recent" lists). */
  historySize: z.number().int().min(1).max(10_000),
  /** Liked items kept per user, from which user embeddings are rebuilt when the embeddings version changes. */
  likedSize: z.number().int().min(1).max(1_000_000),
  /** Half-life of the trending counters' exponential decay. */
  trendingHalfLifeMinutes: z.number().positive().max(525_600),
  /** Expiry of user-scoped state, renewed by each event of the user. */
  userTtlHours: z.number().positive().max(87_600),
  /** How long the nearline remembers an applied event id, so a resent copy within it applies nothing. */
  dedupeHours: z.number().positive().max(87_600),
  /** Most records applied in one atomic cache write. */
  maxBatchSize: z.number().int().min(1).max(100_000),
  /** How often the ControlStore's embeddings pointer is checked for a new version. */
  versionPollMs: z.number().int().min(100).max(3_600_000),
  /** A consumer with lag that applied nothing for this long exits, so its supervisor restarts it. */
  stallTimeoutMs: z.number().int().min(1000).max(3_600_000),
  /** Port of the nearline process's `/metrics` (Prometheus text); 0 picks a free one. */
  metricsPort: z.number().int().min(0).max(65535),
});
