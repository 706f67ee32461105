import { listedGenres } from "../../core/features/index.ts";

/** Every genre the catalogue lists, sorted and unique, without the no-genre marker. */
export function genreVocabulary(movies: Iterable<{ readonly genres: readonly string[] }>): string[] {
  const seen = new Set<string>();
  for (const movie of movies) for (const genre of listedGenres(movie.genres)) seen.add(genre);
  return [...seen].sort();
}
