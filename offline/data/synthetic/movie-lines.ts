import { SeededRandom } from "./random.ts";
import { STREAM, type SyntheticPlan } from "./synthetic-plan.ts";

/** MovieLens's own genre names (alphabetical); beyond them genres are numbered. */
const GENRE_NAMES = [
  "Action",
  "Adventure",
  "Animation",
  "Children",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Fantasy",
  "Film-Noir",
  "Horror",
  "IMAX",
  "Musical",
  "Mystery",
  "Romance",
  "Sci-Fi",
  "Thriller",
  "War",
  "Western",
];

/** Name of genre index `g`. */
export function genreName(g: number): string {
  return GENRE_NAMES[g] ?? `Genre ${g + 1}`;
}

/** Every how many items a title carries a comma, so readers meet quoted fields. */
const QUOTED_TITLE_EVERY = 37;

/**
 * Yields `movies.csv` text (header first) in blocks of about `blockLines` lines. Each item has
 * its main genre from the plan plus up to two more, listed in genre order.
 */
export function* movieLines(plan: SyntheticPlan, blockLines = 10_000): Generator<string> {
  const random = new SeededRandom(plan.shape.seed, STREAM.genres);
  let block = "movieId,title,genres\n";
  for (let item = 0; item < plan.shape.items; item++) {
    const id = item + 1;
    const year = 1950 + random.int(70);
    const title =
      id % QUOTED_TITLE_EVERY === 0
        ? `"Synthetic Movie ${id}, The (${year})"`
        : `Synthetic Movie ${id} (${year})`;
    block += `${id},${title},${itemGenres(plan, item, random).map(genreName).join("|")}\n`;
    if (id % blockLines === 0) {
      yield block;
      block = "";
    }
  }
  if (block !== "") yield block;
}

function itemGenres(plan: SyntheticPlan, item: number, random: SeededRandom): number[] {
  const genres = new Set([plan.itemGenre[item] as number]);
  if (random.next() < 0.5) genres.add(random.int(plan.shape.genres));
  if (random.next() < 0.2) genres.add(random.int(plan.shape.genres));
  return [...genres].sort((a, b) => a - b);
}
