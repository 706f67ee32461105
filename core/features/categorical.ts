/** Genre value MovieLens uses for a film without genres; it is "no genre", not a genre of its own. */
export const NO_GENRES_LISTED = "(no genres listed)";

/** The genres of a film that count as genres: the no-genre marker and empty names dropped, order kept. */
export function listedGenres(genres: readonly string[]): string[] {
  return genres.filter((genre) => genre !== "" && genre !== NO_GENRES_LISTED);
}

/** A vector with 1 at the position of `value` in `vocabulary`; all zeros for a null or unknown value. */
export function oneHot(value: string | null | undefined, vocabulary: readonly string[]): Float32Array {
  const out = new Float32Array(vocabulary.length);
  if (value === null || value === undefined) return out;
  const index = vocabulary.indexOf(value);
  if (index >= 0) out[index] = 1;
  return out;
}

/** A vector with 1 at the position of every known value in `values`; unknown values are ignored. */
export function multiHot(values: readonly string[], vocabulary: readonly string[]): Float32Array {
  const out = new Float32Array(vocabulary.length);
  for (const value of values) {
    const index = vocabulary.indexOf(value);
    if (index >= 0) out[index] = 1;
  }
  return out;
}
