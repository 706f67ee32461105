import type { DatasetFormat, Movie, Rating } from "./types.ts";

/** Parses one data line into a value, or returns the reason it is malformed. */
export type LineParser<T> = (line: string) => T | string;

/** How one MovieLens layout is stored: its files, encoding, headers and line parsers. */
export interface FormatSpec {
  format: DatasetFormat;
  moviesFile: string;
  ratingsFile: string;
  /** Every file whose presence identifies the format. */
  requiredFiles: readonly string[];
  encoding: BufferEncoding;
  /** The exact first line of each file, or null when the file has no header. */
  moviesHeader: string | null;
  ratingsHeader: string | null;
  /** Builds the movie parser; a format may need a side file (ml-100k's genre table) first. */
  movieParser(dir: string): Promise<LineParser<Movie>>;
  parseRating: LineParser<Rating>;
}
