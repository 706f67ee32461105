import type { ServingSnapshot, UserProfile } from "../lookup/types.ts";

/** What a channel recalls from. */
export interface RecallContext {
  readonly snapshot: ServingSnapshot;
  readonly user: UserProfile;
  /** Time of the request (ms), for trending decay. */
  readonly now: number;
  /** Aborted when the request's recall budget is spent; a channel should stop and return what it has. */
  readonly signal: AbortSignal;
}

export interface RecallHit {
  readonly itemId: string;
  /** The channel's own score (cosine, inner product, count, weight...), higher is better. */
  readonly score: number;
}

/**
 * One recall channel. `recall` returns at most `quota` unseen items, best first. Channels that are features of
 * the ranking model also implement `score`, which gives the channel's score of any item (the ranker needs the
 * score of candidates other channels found, as offline training saw them).
 */
export interface RecallChannel {
  readonly name: string;
  recall(context: RecallContext, quota: number): Promise<RecallHit[]> | RecallHit[];
  score?(context: RecallContext, itemIds: readonly string[]): Float32Array;
}

/** One merged candidate: where each channel ranked it (0-based) and its score there. */
export interface Candidate {
  readonly itemId: string;
  /** Channel name -> { rank, score } for the channels that recalled it, in channel order. */
  readonly channels: ReadonlyMap<string, { readonly rank: number; readonly score: number }>;
}
