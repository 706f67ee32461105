import type { Dataset, LoadProgress, Rating } from "../../offline/data/types.ts";
import { compareItemIds, compareRatings } from "../../offline/evaluate/rating-order.ts";
import { type ReplayEvent, toRatingEvent } from "./event-ids.ts";
import { MinHeap } from "./min-heap.ts";
import { type ClickOptions, createClickPlanner, MAX_CLICK_LEAD_MS } from "./synthetic-clicks.ts";

export interface LoadRatingsOptions {
  /** Stop reading early (the ratings read so far are returned, sorted). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: LoadProgress) => void;
}

/** Sorts ratings in place by (timestamp, item id), the offline tier's order; ties keep file order. */
export function sortRatings(ratings: Rating[]): Rating[] {
  return ratings.sort(compareRatings);
}

/** Reads every rating of the data set into memory (files are sorted by user, not time) and sorts them. */
export async function loadSortedRatings(
  dataset: Dataset,
  options: LoadRatingsOptions = {},
): Promise<Rating[]> {
  const ratings: Rating[] = [];
  const read = options.onProgress ? { onProgress: options.onProgress } : {};
  for await (const rating of dataset.ratings(read)) {
    if (options.signal?.aborted) break;
    ratings.push(rating);
  }
  return sortRatings(ratings);
}

interface Pending {
  readonly event: ReplayEvent;
  readonly seq: number;
}

function comparePending(a: Pending, b: Pending): number {
  return (
    a.event.timestamp - b.event.timestamp || compareItemIds(a.event.itemId, b.event.itemId) || a.seq - b.seq
  );
}

/**
 * Rating events (and, with `clicks`, made-up clicks before them) in time order, from ratings already in
 * time order. A click lands at most a minute before its rating, so only a minute of events is held back.
 */
export function* timeOrderedEvents(sorted: Iterable<Rating>, clicks?: ClickOptions): Generator<ReplayEvent> {
  const planClick = createClickPlanner(clicks ?? { probability: 0, seed: 1 });
  const pending = new MinHeap<Pending>(comparePending);
  let seq = 0;
  let previous = Number.NEGATIVE_INFINITY;
  for (const rating of sorted) {
    if (rating.timestamp < previous) throw new RangeError("timeOrderedEvents needs ratings sorted by time");
    previous = rating.timestamp;
    const click = planClick(rating);
    if (click) pending.push({ event: click, seq: seq++ });
    pending.push({ event: toRatingEvent(rating), seq: seq++ });
    // Later clicks are no earlier than this, so everything strictly before it is final.
    const settled = rating.timestamp - MAX_CLICK_LEAD_MS;
    while ((pending.peek()?.event.timestamp ?? Number.POSITIVE_INFINITY) < settled) {
      yield (pending.pop() as Pending).event;
    }
  }
  while (pending.size > 0) yield (pending.pop() as Pending).event;
}

export interface DatasetEventsOptions extends LoadRatingsOptions {
  readonly clicks?: ClickOptions;
}

/** The time-ordered events of a data set: every rating, plus seeded clicks when asked for. */
export async function* datasetEvents(
  dataset: Dataset,
  options: DatasetEventsOptions = {},
): AsyncGenerator<ReplayEvent> {
  const sorted = await loadSortedRatings(dataset, options);
  yield* timeOrderedEvents(sorted, options.clicks);
}
