import type { RawEvent } from "../../core/ports/index.ts";
import { EVENT_SCHEMA_VERSION, type RatingEvent } from "../../schemas/index.ts";
import type { Dataset, Rating } from "../data/index.ts";
import { ItemStatsAccumulator, type ItemStatsTable } from "../features/item-stats.ts";
import type { JobDeps } from "./job-deps.ts";

const BATCH = 5000;

/** A stable id per (user, item, time), so importing the same file twice stores each rating once. */
export function ratingEventId(rating: Rating): string {
  return `r:${rating.userId}:${rating.itemId}:${rating.timestamp}`;
}

/** The rating as the event the nearline tier would have received. */
export function ratingToRawEvent(rating: Rating): RawEvent {
  const event: RatingEvent = {
    eventId: ratingEventId(rating),
    schemaVersion: EVENT_SCHEMA_VERSION,
    type: "rating",
    userId: rating.userId,
    itemId: rating.itemId,
    rating: rating.rating,
    timestamp: rating.timestamp,
  };
  const { eventId, type, userId, itemId, timestamp } = event;
  return { eventId, type, userId, itemId, timestamp, body: JSON.stringify(event) };
}

/** Streams the ratings once: appends them to the BulkStore as raw events and accumulates item statistics. */
export async function importRatings(deps: JobDeps, dataset: Dataset): Promise<ItemStatsTable> {
  const progress = deps.progress({ label: "ratings", unit: "ratings" });
  const stats = new ItemStatsAccumulator();
  let batch: RawEvent[] = [];
  let rows = 0;
  let totalBytes = 0;
  let bytes = 0;
  const onProgress = (p: { bytes: number; totalBytes: number }) => {
    bytes = p.bytes;
    totalBytes = p.totalBytes;
  };
  for await (const rating of dataset.ratings({ onProgress })) {
    stats.add(rating);
    batch.push(ratingToRawEvent(rating));
    rows += 1;
    if (batch.length >= BATCH) {
      await deps.bulk.appendEvents(batch);
      batch = [];
      const percent = totalBytes > 0 ? ` ${((100 * bytes) / totalBytes).toFixed(0)}% of file` : "";
      progress.update(rows, percent.trim());
    }
  }
  if (batch.length > 0) await deps.bulk.appendEvents(batch);
  progress.finish();
  return stats.result();
}
