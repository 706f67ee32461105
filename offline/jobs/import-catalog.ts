import type { Genre, ItemRecord } from "../../core/ports/index.ts";
import type { Dataset, Movie } from "../data/index.ts";
import type { JobDeps } from "./job-deps.ts";

const BATCH = 2000;

/** Loads the data set's movies into the ControlStore (items, genres) and returns them for later stages. */
export async function importCatalog(deps: JobDeps, dataset: Dataset): Promise<Movie[]> {
  const progress = deps.progress({ label: "movies", unit: "movies" });
  const movies: Movie[] = [];
  const genres = new Set<string>();
  let batch: ItemRecord[] = [];
  for await (const movie of dataset.movies()) {
    movies.push(movie);
    for (const genre of movie.genres) genres.add(genre);
    batch.push({
      itemId: movie.itemId,
      title: movie.title,
      year: movie.year,
      genres: movie.genres,
      eligible: true,
    });
    if (batch.length >= BATCH) {
      await deps.control.upsertItems(batch);
      batch = [];
      progress.update(movies.length);
    }
  }
  // Genres first: items reference them in stores that enforce it.
  const genreRows: Genre[] = [...genres].sort().map((name) => ({ name, parent: null }));
  await deps.control.upsertGenres(genreRows);
  if (batch.length > 0) await deps.control.upsertItems(batch);
  progress.finish();
  return movies;
}
