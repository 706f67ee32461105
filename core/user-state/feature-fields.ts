import type { RatingTally } from "../features/index.ts";

/**
 * Field names of the live features hash (`u:{id}:feat`). Rating sums are kept in half stars so every counter is
 * an integer (HINCRBY) and sums stay exact however many ratings arrive.
 */
export const FEATURE_FIELDS = {
  ratings: "n",
  halfStarSum: "s2",
  liked: "l",
  clicks: "c",
  /** Latest rating time (ms). */
  lastRatingAt: "last",
  /** The latest liked item and its time: where the next behaviour-graph edge starts. */
  previousLiked: "prev",
  previousLikedAt: "prevAt",
} as const;

/** The counter fields of one genre. */
export function genreFields(genre: string): { count: string; halfStarSum: string; liked: string } {
  return { count: `g:${genre}:n`, halfStarSum: `g:${genre}:s2`, liked: `g:${genre}:l` };
}

const GENRE_FIELD = /^g:(.+):(n|s2|l)$/;

/** The rating tally held in a features hash, or null when it holds no rating. */
export function tallyOfFeatureHash(hash: Readonly<Record<string, string>>): RatingTally | null {
  const count = Number(hash[FEATURE_FIELDS.ratings] ?? 0);
  if (!(count > 0)) return null;
  const genres: RatingTally["genres"] = new Map();
  for (const [field, value] of Object.entries(hash)) {
    const match = GENRE_FIELD.exec(field);
    if (!match) continue;
    const genre = match[1] as string;
    const counts = genres.get(genre) ?? { count: 0, sum: 0, liked: 0 };
    if (match[2] === "n") counts.count = Number(value);
    else if (match[2] === "s2") counts.sum = Number(value) / 2;
    else counts.liked = Number(value);
    genres.set(genre, counts);
  }
  return {
    count,
    sum: Number(hash[FEATURE_FIELDS.halfStarSum] ?? 0) / 2,
    liked: Number(hash[FEATURE_FIELDS.liked] ?? 0),
    last: Number(hash[FEATURE_FIELDS.lastRatingAt] ?? Number.NEGATIVE_INFINITY),
    genres,
  };
}
