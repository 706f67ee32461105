import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DataFileError } from "../../core/errors.ts";
import { fastRating } from "./fast-rating.ts";
import { checkId, ratingFromFields, yearFromTitle } from "./field-parsers.ts";
import type { FormatSpec, LineParser } from "./format-spec.ts";
import type { Movie, Rating } from "./types.ts";

/** Genre names by flag position, from `u.genre` lines `name|index`. */
export function parseGenreTable(text: string, path: string): string[] {
  const names: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") continue;
    const [name = "", index = ""] = line.split("|");
    const position = Number(index);
    if (name === "" || !/^\d+$/.test(index) || names[position] !== undefined) {
      throw new DataFileError(`Genre table ${path} has a bad line "${line}"; expected "name|index"`);
    }
    names[position] = name;
  }
  if (names.length === 0 || Array.from(names).some((name) => name === undefined)) {
    throw new DataFileError(`Genre table ${path} is empty or skips an index`);
  }
  return names;
}

/** `u.item` parser: `id|title|release date|video release date|IMDb URL|flag...` with one flag per genre. */
export function movie100kParser(genreNames: readonly string[]): LineParser<Movie> {
  const expected = 5 + genreNames.length;
  return (line) => {
    const fields = line.split("|");
    if (fields.length !== expected) return `expected ${expected} fields, found ${fields.length}`;
    const [itemId = "", title = "", released = ""] = fields;
    const bad = checkId(itemId, "movie id") ?? (title.trim() === "" ? "empty title" : null);
    if (bad !== null) return bad;
    const genres: string[] = [];
    for (let g = 0; g < genreNames.length; g++) {
      const flag = fields[5 + g];
      if (flag !== "0" && flag !== "1") return `genre flag ${g} is "${flag}", expected 0 or 1`;
      if (flag === "1") genres.push(genreNames[g] as string);
    }
    return { itemId, title, year: yearFromTitle(title) ?? yearFromReleaseDate(released), genres };
  };
}

/** `01-Jan-1995` → 1995. */
function yearFromReleaseDate(text: string): number | null {
  const match = /-(\d{4})$/.exec(text.trim());
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** `u.data` line: `user item rating timestamp`, tab-separated, ratings 1-5. */
export function parse100kRating(line: string): Rating | string {
  return fastRating(line, "\t", 1, 5) ?? ratingFromFields(line.split("\t"), 1, 5);
}

async function loadGenreNames(dir: string): Promise<string[]> {
  const path = join(dir, "u.genre");
  let text: string;
  try {
    text = await readFile(path, "latin1");
  } catch (cause) {
    throw new DataFileError(`Cannot read genre table ${path}; check the path and permissions`, cause);
  }
  return parseGenreTable(text, path);
}

/** MovieLens 100K layout: tab-separated ratings, `|`-separated items with genre flags, latin-1. */
export const ml100kFormat: FormatSpec = {
  format: "ml-100k",
  moviesFile: "u.item",
  ratingsFile: "u.data",
  requiredFiles: ["u.data", "u.item", "u.genre"],
  encoding: "latin1",
  moviesHeader: null,
  ratingsHeader: null,
  movieParser: async (dir) => movie100kParser(await loadGenreNames(dir)),
  parseRating: parse100kRating,
};
