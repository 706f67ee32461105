import type { Genre, ItemRecord } from "../../core/ports/index.ts";
import type { Dataset, Movie } from "../data/index.ts";
import type { JobDeps } from "./job-deps.ts";

const BATCH = 2000;

/** Loads the data set's movies into the ControlStore (genres, then items) and returns them for later stages. */
export async function importCatalog(deps: JobDeps, dataset: Dataset): Promise<Movie[]> {
  const progress = deps.progress({ label: "movies", unit: "movies" });
  const movies: Movie[] = [];
  const genres = new Set<string>();
  for await (const movie of dataset.movies()) {
    movies.push(movie);
    for (const genre of movie.genres) genres.add(genre);
  }
  // Genres before items: items reference them in stores that enforce it.
  const genreRows: Genre[] = [...genres].sort().map((name) => ({ name, parent: null }));
  await deps.control.upsertGenres(genreRows);
  for (let start = 0; start < movies.length; start += BATCH) {
    const batch: ItemRecord[] = movies
      .slice(start, start + BATCH)
      .map((movie) => ({ ...movie, eligible: true }));
    await deps.control.upsertItems(batch);
    progress.update(start + batch.length);
  }
  progress.finish();
  return movies;
}
