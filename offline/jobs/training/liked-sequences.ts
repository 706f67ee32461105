import { compareRatings, LIKE_THRESHOLD } from "../../evaluate/index.ts";
import type { HistoryRating } from "./history.ts";

/** Each user's liked ratings (>= 3.5, the reference design's corpus) in time order: one Item2Vec sentence per user. */
export function likedSequences(ratings: readonly HistoryRating[]): Map<string, HistoryRating[]> {
  const byUser = new Map<string, HistoryRating[]>();
  for (const r of ratings) {
    if (r.rating < LIKE_THRESHOLD) continue;
    const list = byUser.get(r.userId);
    if (list === undefined) byUser.set(r.userId, [r]);
    else list.push(r);
  }
  for (const list of byUser.values()) list.sort(compareRatings);
  return byUser;
}
