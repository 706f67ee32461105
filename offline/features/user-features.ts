import {
  featuresOfTally,
  LIKE_THRESHOLD,
  listedGenres,
  type RatingTally,
  type UserFeatures,
} from "../../core/features/index.ts";

export type { UserFeatures };

export interface UserFeatureOptions {
  /** Reference time in ms, e.g. the latest event in the data, never the wall clock; later ratings are ignored. */
  readonly asOf: number;
  /** A rating at or above this is a like; defaults to the evaluation protocol's `LIKE_THRESHOLD`. */
  readonly likeThreshold?: number;
}

type Tally = RatingTally;

/** Features of every user with a rating at or before `asOf`, in one pass over the ratings. */
export function buildUserFeatures(
  movies: readonly { readonly itemId: string; readonly genres: readonly string[] }[],
  ratings: readonly { userId: string; itemId: string; rating: number; timestamp: number }[],
  options: UserFeatureOptions,
): Map<string, UserFeatures> {
  const threshold = options.likeThreshold ?? LIKE_THRESHOLD;
  const genresOf = new Map(movies.map((movie) => [movie.itemId, listedGenres(movie.genres)]));
  const tallies = new Map<string, Tally>();
  for (const rating of ratings) {
    if (rating.timestamp > options.asOf) continue;
    let tally = tallies.get(rating.userId);
    if (tally === undefined) {
      tally = { count: 0, sum: 0, liked: 0, last: Number.NEGATIVE_INFINITY, genres: new Map() };
      tallies.set(rating.userId, tally);
    }
    addRating(tally, rating, genresOf.get(rating.itemId) ?? [], rating.rating >= threshold);
  }
  const out = new Map<string, UserFeatures>();
  for (const [userId, tally] of tallies) out.set(userId, featuresOfTally(userId, tally, options.asOf));
  return out;
}

function addRating(
  tally: Tally,
  rating: { rating: number; timestamp: number },
  genres: readonly string[],
  liked: boolean,
): void {
  const like = liked ? 1 : 0;
  tally.count += 1;
  tally.sum += rating.rating;
  tally.liked += like;
  if (rating.timestamp > tally.last) tally.last = rating.timestamp;
  for (const genre of genres) {
    const entry = tally.genres.get(genre) ?? { count: 0, sum: 0, liked: 0 };
    entry.count += 1;
    entry.sum += rating.rating;
    entry.liked += like;
    tally.genres.set(genre, entry);
  }
}
