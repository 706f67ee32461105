import { seededRandom } from "../../core/ann/random.ts";
import type { Rating } from "../../offline/data/types.ts";
import type { ClickEvent } from "../../schemas/events.ts";
import { EARLIEST_EVENT_MS } from "../../schemas/ids.ts";
import { toClickEvent } from "./event-ids.ts";

/** A made-up click comes this long before its rating, at least... */
export const MIN_CLICK_LEAD_MS = 1000;
/** ...and at most. */
export const MAX_CLICK_LEAD_MS = 60_000;

export interface ClickOptions {
  /** Chance in [0, 1] that a rating is preceded by a click on the same item. */
  readonly probability: number;
  readonly seed: number;
}

/**
 * Decides rating by rating, in replay order, whether a click precedes it and when (1 to 60 s before).
 * Seeded: the same ratings in the same order get the same clicks.
 */
export function createClickPlanner(options: ClickOptions): (rating: Rating) => ClickEvent | undefined {
  const { probability } = options;
  if (probability <= 0) return () => undefined;
  const random = seededRandom(options.seed);
  const span = MAX_CLICK_LEAD_MS - MIN_CLICK_LEAD_MS + 1;
  return (rating) => {
    if (random.uniform() >= probability) return undefined;
    const at = rating.timestamp - MIN_CLICK_LEAD_MS - Math.floor(random.uniform() * span);
    // An event before 1995 fails the event schema; such a rating simply gets no click.
    return at >= EARLIEST_EVENT_MS ? toClickEvent(rating, at) : undefined;
  };
}
