import type { BulkStore } from "../../core/ports/index.ts";
import { ratingOfEventBody } from "../../core/rating-body.ts";
import { compareRatings } from "../../core/rating-order.ts";
import type { RatingEvent } from "../../schemas/index.ts";
import { type HandlerContext, ratingPatch, type UserPatch } from "../handlers/user-patch.ts";

/** One stored rating, as the seed replays it. */
type StoredRating = Pick<RatingEvent, "eventId" | "itemId" | "rating" | "timestamp" | "userId">;

/**
 * The user's stored ratings before `before` (ms), one per item (a re-rating replaces the earlier one, as in
 * the offline load), in the offline order. This is history the nearline never saw on the log: imported data,
 * or events from before the user's state expired.
 */
export async function storedRatingsBefore(
  bulk: BulkStore,
  userId: string,
  before: number,
): Promise<StoredRating[]> {
  const latest = new Map<string, StoredRating>();
  for await (const event of bulk.readEvents({ userId, to: before, types: ["rating"] })) {
    const rating = ratingOfEventBody(event.body);
    if (rating === null) continue;
    const row = { eventId: event.eventId, userId, itemId: event.itemId, rating, timestamp: event.timestamp };
    const earlier = latest.get(event.itemId);
    if (!earlier || compareRatings(earlier, row) <= 0) latest.set(event.itemId, row);
  }
  return [...latest.values()].sort(compareRatings);
}

/** The patches that bring an empty state up to the stored ratings: counters, likes, embeddings; no graph edges. */
export function seedPatches(ratings: readonly StoredRating[], context: HandlerContext): UserPatch[] {
  return ratings.map((r) => {
    const event: RatingEvent = { ...r, schemaVersion: 1, type: "rating" };
    // Edges among old history belong to the offline graph; the nearline graph counts what it sees live.
    // Nor do old events count toward trending.
    const {
      edge: _edge,
      trending: _trending,
      ...patch
    } = ratingPatch(event, { previousLiked: null }, context);
    return patch;
  });
}
