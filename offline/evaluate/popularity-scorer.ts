import { catalogueIndex } from "./catalogue-index.ts";
import type { EvaluationSplit, Scorer } from "./types.ts";

/** Baseline: every item scores its number of training ratings (any value), the same for every user. */
export function popularityScorer(split: EvaluationSplit, catalogue: readonly string[]): Scorer {
  const index = catalogueIndex(catalogue);
  const counts = new Float32Array(catalogue.length);
  for (const row of split.train) {
    const position = index.get(row.itemId);
    if (position !== undefined) counts[position] = (counts[position] as number) + 1;
  }
  return {
    name: "popularity",
    score(_userId, _history, out) {
      out.set(counts);
    },
  };
}
