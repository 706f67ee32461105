import { createHash } from "node:crypto";
import type { Rating } from "../../offline/data/types.ts";
import { ratingEventOf } from "../../offline/jobs/import-ratings.ts";
import { type ClickEvent, EVENT_SCHEMA_VERSION, type RatingEvent } from "../../schemas/events.ts";
import { ID_PATTERN } from "../../schemas/ids.ts";

/** The events a replay produces. */
export type ReplayEvent = RatingEvent | ClickEvent;

/**
 * `<prefix>-<userId>-<itemId>-<timestampMs>`: the same rating always gets the same id, so consumers drop a
 * replayed copy. Ids too long for the id schema (64 characters) become a hash of the same parts instead.
 */
export function replayEventId(
  prefix: "r" | "c",
  userId: string,
  itemId: string,
  timestampMs: number,
): string {
  const plain = `${prefix}-${userId}-${itemId}-${timestampMs}`;
  if (ID_PATTERN.test(plain)) return plain;
  const digest = createHash("sha256").update(`${userId}\u0000${itemId}\u0000${timestampMs}`).digest("hex");
  return `${prefix}-${digest.slice(0, 40)}`;
}

/**
 * The rating event for one MovieLens rating (times are already milliseconds), with the id the data import
 * gives it, so a replay of imported data is stored once.
 */
export function toRatingEvent(rating: Rating): RatingEvent {
  return ratingEventOf(rating);
}

/** A click by the rating's user on the rating's item at `timestampMs`. */
export function toClickEvent(rating: Rating, timestampMs: number): ClickEvent {
  return {
    eventId: replayEventId("c", rating.userId, rating.itemId, timestampMs),
    schemaVersion: EVENT_SCHEMA_VERSION,
    type: "click",
    userId: rating.userId,
    itemId: rating.itemId,
    timestamp: timestampMs,
  };
}
