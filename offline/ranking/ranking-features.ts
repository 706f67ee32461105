// The feature rows live in core so that the online tier computes exactly what the ranker was trained on.
export {
  fillRankingFeatures,
  type RankingContext,
  rankingFeatureNames,
} from "../../core/ranking/ranking-features.ts";
