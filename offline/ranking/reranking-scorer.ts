import type { RatingRow, Scorer } from "../evaluate/types.ts";
import type { CandidateCollector } from "./candidates.ts";
import { fillRankingFeatures, type RankingContext, rankingFeatureNames } from "./ranking-features.ts";

/** Scores rows of ranking features; the core/ranking scorer of a trained model fits. */
export interface RowScorer {
  /** The feature names the model was trained on, in row order. */
  readonly featureNames: readonly string[];
  score(features: Float32Array, rows: number, out: Float32Array): void;
}

/**
 * A Scorer that recalls candidates from the channels and orders them by the ranker; everything else is
 * -Infinity, as the online tier only ever ranks what recall found.
 */
export function rerankingScorer(
  name: string,
  collector: CandidateCollector,
  context: RankingContext,
  ranker: RowScorer,
): Scorer {
  const names = rankingFeatureNames(collector.names);
  if (names.join("\n") !== ranker.featureNames.join("\n")) {
    throw new Error(
      `the ranker was trained on features [${ranker.featureNames.join(", ")}] but the channels give [${names.join(", ")}]`,
    );
  }
  const width = names.length;
  let features = new Float32Array(0);
  let scores = new Float32Array(0);
  return {
    name,
    score(userId: string, history: readonly RatingRow[], out: Float32Array) {
      const candidates = collector.collect(userId, history);
      if (features.length < candidates.count * width) {
        features = new Float32Array(candidates.count * width);
        scores = new Float32Array(candidates.count);
      }
      fillRankingFeatures(candidates, userId, context, features);
      ranker.score(features, candidates.count, scores);
      out.fill(Number.NEGATIVE_INFINITY);
      for (let i = 0; i < candidates.count; i++) out[candidates.indices[i] as number] = scores[i] as number;
    },
  };
}
