import { createHash } from "node:crypto";
import type { RawEvent } from "../../core/ports/index.ts";
import { EVENT_SCHEMA_VERSION, ID_PATTERN, type RatingEvent, validateEvent } from "../../schemas/index.ts";
import type { Dataset, Rating } from "../data/index.ts";
import { ItemStatsAccumulator, type ItemStatsTable } from "../features/item-stats.ts";
import type { JobDeps } from "./job-deps.ts";

const BATCH = 5000;

/**
 * A stable id per (user, item, time), so importing the same file twice stores each rating once:
 * readable when it fits the id rules, else a hash of the same triple.
 */
export function ratingEventId(rating: Rating): string {
  const readable = `r:${rating.userId}:${rating.itemId}:${rating.timestamp}`;
  if (ID_PATTERN.test(readable)) return readable;
  const digest = createHash("sha256").update(`${rating.userId}\n${rating.itemId}\n${rating.timestamp}`);
  return `r-${digest.digest("hex").slice(0, 40)}`;
}

/** The rating event for one data-set rating; imports and replays (`recsys produce`) give it the same id. */
export function ratingEventOf(rating: Rating): RatingEvent {
  return {
    eventId: ratingEventId(rating),
    schemaVersion: EVENT_SCHEMA_VERSION,
    type: "rating",
    userId: rating.userId,
    itemId: rating.itemId,
    rating: rating.rating,
    timestamp: rating.timestamp,
  };
}

/** The rating as the event the nearline tier would have received, or null when the event schema rejects it. */
export function ratingToRawEvent(rating: Rating, now: number): RawEvent | null {
  const event = ratingEventOf(rating);
  if (!validateEvent(event, { now }).ok) return null;
  const { eventId, type, userId, itemId, timestamp } = event;
  return { eventId, type, userId, itemId, timestamp, body: JSON.stringify(event) };
}

export interface ImportedRatings {
  readonly stats: ItemStatsTable;
  /** Rows the loader accepted but the event schema rejected; left out of the events and the statistics. */
  readonly rejected: number;
}

/** Streams the ratings once: appends them to the BulkStore as raw events and accumulates item statistics. */
export async function importRatings(deps: JobDeps, dataset: Dataset): Promise<ImportedRatings> {
  const progress = deps.progress({ label: "ratings", unit: "ratings" });
  const stats = new ItemStatsAccumulator();
  const now = deps.clock.now();
  let batch: RawEvent[] = [];
  let rows = 0;
  let rejected = 0;
  let percent = "";
  const onProgress = (p: { bytes: number; totalBytes: number }) => {
    if (p.totalBytes > 0) percent = `${((100 * p.bytes) / p.totalBytes).toFixed(0)}% of file`;
  };
  for await (const rating of dataset.ratings({ onProgress })) {
    rows += 1;
    const event = ratingToRawEvent(rating, now);
    if (event === null) {
      rejected += 1;
      continue;
    }
    stats.add(rating);
    batch.push(event);
    if (batch.length >= BATCH) {
      await deps.bulk.appendEvents(batch);
      batch = [];
      progress.update(rows, percent);
    }
  }
  if (batch.length > 0) await deps.bulk.appendEvents(batch);
  progress.finish();
  if (rejected > 0) deps.logger.warn("ratings rejected by the event schema", { rejected });
  return { stats: stats.result(), rejected };
}
