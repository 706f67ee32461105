import { LIKE_THRESHOLD } from "../../core/features/index.ts";
import { FEATURE_FIELDS, genreFields, type HistoryEntry } from "../../core/user-state/index.ts";
import type { ClickEvent, RatingEvent } from "../../schemas/index.ts";

/** What one rating or click changes for its user; built by a pure handler, applied by the batch writer. */
export interface UserPatch {
  readonly history: HistoryEntry;
  /** Rating counters to add (rating count, half-star sums, likes; overall and per genre), by features-hash field. */
  readonly counters: ReadonlyMap<string, number>;
  /** Present for ratings: the rating time, which may raise the latest rating time. */
  readonly ratedAt?: number;
  /** Present for liked ratings: the item that joins the liked list and the user embeddings. */
  readonly liked?: { readonly itemId: string; readonly timestamp: number };
  /** The behaviour-graph edge this like adds: from the previous liked item to this one. */
  readonly edge?: readonly [from: string, to: string];
  /** Every live rating and click counts toward trending at its event time (seeded history does not). */
  readonly trending?: { readonly itemId: string; readonly timestamp: number };
}

/** What a handler may read of the user's current state. */
export interface UserView {
  /** The user's latest liked item, where the next behaviour-graph edge starts. */
  readonly previousLiked: string | null;
}

export interface HandlerContext {
  /** The item's listed genres from the catalogue (none for an unknown item). */
  genresOf(itemId: string): readonly string[];
}

/** A rating: history, rating counters, and when liked (>= 3.5) the liked list, the graph edge and embeddings. */
export function ratingPatch(event: RatingEvent, view: UserView, context: HandlerContext): UserPatch {
  const liked = event.rating >= LIKE_THRESHOLD;
  const halfStars = Math.round(event.rating * 2);
  const counters = new Map<string, number>([
    [FEATURE_FIELDS.ratings, 1],
    [FEATURE_FIELDS.halfStarSum, halfStars],
    [FEATURE_FIELDS.liked, liked ? 1 : 0],
  ]);
  for (const genre of context.genresOf(event.itemId)) {
    const fields = genreFields(genre);
    counters.set(fields.count, 1);
    counters.set(fields.halfStarSum, halfStars);
    counters.set(fields.liked, liked ? 1 : 0);
  }
  const { eventId, itemId, timestamp } = event;
  // The offline graph skips repeats of the same item (transitionsOf), so no self-loop here either.
  const from = view.previousLiked;
  return {
    history: { eventId, type: "rating", itemId, timestamp, rating: event.rating },
    counters,
    ratedAt: timestamp,
    ...(liked ? { liked: { itemId, timestamp } } : {}),
    ...(liked && from !== null && from !== itemId ? { edge: [from, itemId] as const } : {}),
    trending: { itemId, timestamp },
  };
}

/** A click: history, the click counter and trending; the rating-based features, graph and embeddings stay. */
export function clickPatch(event: ClickEvent): UserPatch {
  const { eventId, itemId, timestamp } = event;
  return {
    history: { eventId, type: "click", itemId, timestamp },
    counters: new Map([[FEATURE_FIELDS.clicks, 1]]),
    trending: { itemId, timestamp },
  };
}
