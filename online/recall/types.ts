import type { ScoredMember } from "../../core/ports/index.ts";
import type { ServingSnapshot, UserProfile } from "../lookup/types.ts";

/** What a channel recalls from. */
export interface RecallContext {
  readonly snapshot: ServingSnapshot;
  readonly user: UserProfile;
  /** Time of the request (ms), for trending decay. */
  readonly now: number;
  /** Aborted when the request's recall budget is spent; a channel should stop and return what it has. */
  readonly signal: AbortSignal;
  /**
   * Set by `runRecall`: a channel that still answers after losing one of its sources (the graph channel without
   * its live part) reports the lost part here as a reason such as `timeout`; it becomes `channel:<name>:<reason>`.
   */
  readonly reportFailure?: (reason: string) => void;
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

/**
 * Reads the top `count` members (highest score first) of each sorted set in `keys`, answers in `keys` order;
 * a missing key reads as []. The lead wraps the FeatureCache in the DependencyGuard behind this.
 */
export type SortedSetReader = (
  keys: readonly string[],
  count: number,
  signal?: AbortSignal,
) => Promise<readonly (readonly ScoredMember[])[]>;
