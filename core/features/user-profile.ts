/** A rating at or above this is a like: the reference design's threshold, shared by every tier. */
export const LIKE_THRESHOLD = 3.5;

/** Ratings a genre needs before a user's affinity for it counts half: affinity is shrunk by n / (n + 5). */
export const GENRE_AFFINITY_SHRINKAGE = 5;

const DAY_MS = 86_400_000;

/** A user's model features as of one reference time, JSON-friendly; the offline and nearline tiers both build it. */
export interface UserFeatures {
  userId: string;
  ratingCount: number;
  averageRating: number;
  /** Time of the latest rating, ms since the epoch. */
  lastRatingAt: number;
  /** Days (fractional) from `lastRatingAt` to `asOf`. */
  daysSinceLastRating: number;
  /**
   * Per genre the user rated: mean rating in the genre minus the user's overall mean, times n / (n + 5) for
   * n ratings in the genre, so one lucky rating does not make a strong taste. Keys sorted.
   */
  genreAffinity: Record<string, number>;
  /** Per genre the user rated: the share of the user's liked ratings that fall in it (0 with no likes). */
  genreLikedShare: Record<string, number>;
}

/** Counts and sums over one set of ratings (a genre's, or all of a user's). */
export interface RatingCounts {
  count: number;
  sum: number;
  liked: number;
}

/** Everything the features are derived from; additive, so the nearline tier can keep it as counters. */
export interface RatingTally extends RatingCounts {
  /** Latest rating time (ms). */
  last: number;
  genres: Map<string, RatingCounts>;
}

/** The features of a tally with at least one rating. */
export function featuresOfTally(userId: string, tally: RatingTally, asOf: number): UserFeatures {
  const mean = tally.sum / tally.count;
  const genres = [...tally.genres].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const affinity = genres.map(([genre, g]): [string, number] => {
    const shrink = g.count / (g.count + GENRE_AFFINITY_SHRINKAGE);
    return [genre, (g.sum / g.count - mean) * shrink];
  });
  const likedShare = genres.map(([genre, g]): [string, number] => [
    genre,
    tally.liked === 0 ? 0 : g.liked / tally.liked,
  ]);
  return {
    userId,
    ratingCount: tally.count,
    averageRating: mean,
    lastRatingAt: tally.last,
    daysSinceLastRating: (asOf - tally.last) / DAY_MS,
    genreAffinity: Object.fromEntries(affinity),
    genreLikedShare: Object.fromEntries(likedShare),
  };
}
