import { fastRating } from "./fast-rating.ts";
import { checkId, ratingFromFields, yearFromTitle } from "./field-parsers.ts";
import type { FormatSpec } from "./format-spec.ts";
import type { Movie, Rating } from "./types.ts";

/** `movies.dat` line: `MovieID::Title::Genres`, genres `|`-separated. */
export function parse1mMovie(line: string): Movie | string {
  const fields = line.split("::");
  if (fields.length !== 3) return `expected 3 fields, found ${fields.length}`;
  const [itemId = "", title = "", genres = ""] = fields;
  const bad = checkId(itemId, "MovieID") ?? (title.trim() === "" ? "empty title" : null);
  if (bad !== null) return bad;
  return { itemId, title, year: yearFromTitle(title), genres: genres === "" ? [] : genres.split("|") };
}

/** `ratings.dat` line: `UserID::MovieID::Rating::Timestamp`, ratings 1-5. */
export function parse1mRating(line: string): Rating | string {
  return fastRating(line, "::", 1, 5) ?? ratingFromFields(line.split("::"), 1, 5);
}

/** MovieLens 1M layout: `::`-separated, latin-1, no headers. */
export const ml1mFormat: FormatSpec = {
  format: "ml-1m",
  moviesFile: "movies.dat",
  ratingsFile: "ratings.dat",
  requiredFiles: ["movies.dat", "ratings.dat"],
  encoding: "latin1",
  moviesHeader: null,
  ratingsHeader: null,
  movieParser: async () => parse1mMovie,
  parseRating: parse1mRating,
};
