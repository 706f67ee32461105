import { fileURLToPath } from "node:url";
import { loadConfig } from "../../core/config/index.ts";
import { type Movie, openDataset, type Rating } from "../../offline/data/index.ts";

/**
 * The MovieLens ml-latest-small copy for tests: `RECSYS_DATA_DIR` when set (CI sets it), else the read-only
 * shared copy beside the repository (`<repo>/../shared/data/ml-latest-small`). Never copied into the repo.
 */
export function sharedDataDir(): string {
  return (
    loadConfig().dataDir ?? fileURLToPath(new URL("../../../shared/data/ml-latest-small", import.meta.url))
  );
}

/** The shared copy's ratings and movies, read whole (about 100k ratings); for quality tests. */
export async function loadSharedMovieLens(): Promise<{
  ratings: Rating[];
  movies: Movie[];
  catalogue: string[];
}> {
  const dataset = await openDataset(sharedDataDir());
  const ratings: Rating[] = [];
  for await (const rating of dataset.ratings()) ratings.push(rating);
  const movies: Movie[] = [];
  for await (const movie of dataset.movies()) movies.push(movie);
  return { ratings, movies, catalogue: movies.map((m) => m.itemId) };
}
