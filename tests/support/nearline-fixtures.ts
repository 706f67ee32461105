import type { Rating } from "../../offline/data/index.ts";
import type { ClickEvent } from "../../schemas/index.ts";
import type { NearlineDataset } from "./nearline-dataset.ts";
import type { NearlineWorld } from "./nearline-harness.ts";

/** Event time of the hand-made events: recent enough to be valid, far from the data set's. */
export const T0 = Date.UTC(2020, 0, 1);

/** Ratings of one user on the data set's items from `from` on, a minute apart, with these stars. */
export function ratingsOf(
  userId: string,
  data: NearlineDataset,
  stars: readonly number[],
  from = 0,
): Rating[] {
  return stars.map((rating, i) => ({
    userId,
    itemId: (data.movies[from + i] as { itemId: string }).itemId,
    rating,
    timestamp: T0 + (from + i) * 60_000,
  }));
}

export function clickEvent(userId: string, itemId: string, timestamp: number, eventId: string): ClickEvent {
  return { eventId, schemaVersion: 1, type: "click", userId, itemId, timestamp };
}

/** The data set's catalogue and vectors with only these ratings: what the offline tier computes from them. */
export function only(data: NearlineDataset, ratings: Rating[]): NearlineDataset {
  return { ...data, ratings };
}

/** The event ids the BulkStore holds for a user (it is idempotent by event id), sorted. */
export async function storedEvents(world: NearlineWorld, userId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const event of world.stores.bulk.readEvents({ userId })) ids.push(event.eventId);
  return ids.sort();
}
