import { parseCsvLine } from "./csv-line.ts";
import { fastRating } from "./fast-rating.ts";
import { checkId, ratingFromFields, yearFromTitle } from "./field-parsers.ts";
import type { FormatSpec } from "./format-spec.ts";
import type { Movie, Rating } from "./types.ts";

/** `movies.csv` line: `movieId,title,genres` with RFC 4180 quoting and `|`-separated genres. */
export function parseLatestMovie(line: string): Movie | string {
  const split = parseCsvLine(line);
  if (!split.ok) return split.reason;
  if (split.fields.length !== 3) return `expected 3 fields, found ${split.fields.length}`;
  const [itemId = "", title = "", genres = ""] = split.fields;
  const bad = checkId(itemId, "movieId") ?? (title.trim() === "" ? "empty title" : null);
  if (bad !== null) return bad;
  return { itemId, title, year: yearFromTitle(title), genres: genres === "" ? [] : genres.split("|") };
}

/** `ratings.csv` line: `userId,movieId,rating,timestamp`, ratings 0.5-5, Unix seconds. */
export function parseLatestRating(line: string): Rating | string {
  const fast = fastRating(line, ",", 0.5, 5);
  if (fast !== null) return fast;
  const split = parseCsvLine(line);
  if (!split.ok) return split.reason;
  return ratingFromFields(split.fields, 0.5, 5);
}

/** MovieLens "latest" layout (ml-latest-small, ml-latest, ml-25m, ...; also what the generator writes). */
export const mlLatestFormat: FormatSpec = {
  format: "ml-latest",
  moviesFile: "movies.csv",
  ratingsFile: "ratings.csv",
  requiredFiles: ["movies.csv", "ratings.csv"],
  encoding: "utf8",
  moviesHeader: "movieId,title,genres",
  ratingsHeader: "userId,movieId,rating,timestamp",
  movieParser: async () => parseLatestMovie,
  parseRating: parseLatestRating,
};
