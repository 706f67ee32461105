import { compareItemIds } from "../../core/rating-order.ts";
import type { Candidate, RecallHit } from "./types.ts";

/** One channel's answer, in the order the channels were asked. */
export interface ChannelRecall {
  readonly name: string;
  readonly hits: readonly RecallHit[];
}

/** Sum over a candidate's channels of 1 / (1 + rank): how strongly recall as a whole vouches for it. */
export function reciprocalRankSum(candidate: Candidate): number {
  let sum = 0;
  for (const { rank } of candidate.channels.values()) sum += 1 / (1 + rank);
  return sum;
}

/**
 * Merges the channels' lists into one candidate per item, keeping every channel's { rank, score } (channel
 * order). Order: highest reciprocal-rank sum first (an item several channels rank high beats one a single
 * channel ranks first), then the best single rank, then item id. Only the embedding ranker's fallback and the
 * recall-only paths see this order; the model ranker re-orders by its own score.
 */
export function mergeRecalls(recalls: readonly ChannelRecall[]): Candidate[] {
  const byItem = new Map<string, Map<string, { rank: number; score: number }>>();
  for (const { name, hits } of recalls) {
    hits.forEach((hit, rank) => {
      let channels = byItem.get(hit.itemId);
      if (channels === undefined) {
        channels = new Map();
        byItem.set(hit.itemId, channels);
      }
      if (!channels.has(name)) channels.set(name, { rank, score: hit.score });
    });
  }
  const merged = [...byItem].map(([itemId, channels]) => {
    const candidate: Candidate = { itemId, channels };
    let best = Number.POSITIVE_INFINITY;
    for (const { rank } of channels.values()) best = Math.min(best, rank);
    return { candidate, evidence: reciprocalRankSum(candidate), best };
  });
  merged.sort(
    (a, b) =>
      b.evidence - a.evidence || a.best - b.best || compareItemIds(a.candidate.itemId, b.candidate.itemId),
  );
  return merged.map((m) => m.candidate);
}
