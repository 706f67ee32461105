import {
  type EmbeddingTable,
  type EvaluationSplit,
  evaluateScorer,
  lastLikedScorer,
  meanOfLikedScorer,
} from "../../offline/evaluate/index.ts";
import type { Quality } from "./types.ts";

/** Scores every evaluated user against the full catalogue from the last liked item and the mean of the liked. */
export function evaluateTable(
  split: EvaluationSplit,
  catalogue: readonly string[],
  table: EmbeddingTable,
): Quality {
  const last = evaluateScorer(split, catalogue, lastLikedScorer("last liked", table, catalogue));
  const mean = evaluateScorer(split, catalogue, meanOfLikedScorer("mean of liked", table, catalogue));
  return {
    hr10Last: last.hr10,
    ndcg10Last: last.ndcg10,
    hr50Last: last.hr50,
    hr10Mean: mean.hr10,
    ndcg10Mean: mean.ndcg10,
    hr50Mean: mean.hr50,
  };
}
