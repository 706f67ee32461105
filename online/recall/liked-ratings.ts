import { LIKE_THRESHOLD } from "../../core/features/index.ts";
import { compareRatings } from "../../core/rating-order.ts";
import type { UserAction, UserProfile } from "../lookup/types.ts";

export interface LikedRating {
  readonly itemId: string;
  readonly timestamp: number;
}

const cache = new WeakMap<UserProfile, readonly LikedRating[]>();

/**
 * The user's liked items as the offline channels see a history: one rating per item (a re-rating replaces the
 * earlier one, as the offline history load does), liked when >= LIKE_THRESHOLD, oldest first by
 * (timestamp, itemId). Clicks carry no rating and are never likes. Computed once per profile.
 */
export function likedRatings(user: UserProfile): readonly LikedRating[] {
  let liked = cache.get(user);
  if (liked === undefined) {
    liked = likedOf(user.actions);
    cache.set(user, liked);
  }
  return liked;
}

function likedOf(actions: readonly UserAction[]): LikedRating[] {
  const latest = new Map<string, UserAction>();
  for (const action of actions) {
    if (action.type !== "rating" || action.rating === null) continue;
    const known = latest.get(action.itemId);
    if (known === undefined || action.timestamp > known.timestamp) latest.set(action.itemId, action);
  }
  const liked: LikedRating[] = [];
  for (const action of latest.values()) {
    if ((action.rating as number) >= LIKE_THRESHOLD)
      liked.push({ itemId: action.itemId, timestamp: action.timestamp });
  }
  return liked.sort(compareRatings);
}
