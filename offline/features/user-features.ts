import { listedGenres } from "../../core/features/index.ts";
import { LIKE_THRESHOLD } from "../evaluate/types.ts";

/** Ratings a genre needs before a user's affinity for it counts half: affinity is shrunk by n / (n + 5). */
export const GENRE_AFFINITY_SHRINKAGE = 5;

const DAY_MS = 86_400_000;

/** A user's model features as of one reference time, JSON-friendly. */
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

export interface UserFeatureOptions {
  /** Reference time in ms, e.g. the latest event in the data, never the wall clock; later ratings are ignored. */
  readonly asOf: number;
  /** A rating at or above this is a like; defaults to the evaluation protocol's `LIKE_THRESHOLD`. */
  readonly likeThreshold?: number;
}

interface Tally {
  count: number;
  sum: number;
  liked: number;
  last: number;
  genres: Map<string, { count: number; sum: number; liked: number }>;
}

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
  for (const [userId, tally] of tallies) out.set(userId, finish(userId, tally, options.asOf));
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

function finish(userId: string, tally: Tally, asOf: number): UserFeatures {
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
