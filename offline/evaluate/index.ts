export { lastLikedScorer, meanOfLikedScorer } from "./embedding-scorers.ts";
export { type EvaluateOptions, evaluateScorer } from "./evaluate-scorer.ts";
export { type FactorModel, factorScorer } from "./factor-scorer.ts";
export { popularityScorer } from "./popularity-scorer.ts";
export { compareItemIds, compareRatings } from "./rating-order.ts";
export { formatReportMarkdown } from "./report-markdown.ts";
export { sampleEvaluatedUsers } from "./sample-users.ts";
export { splitLeaveLastOut } from "./split.ts";
export {
  type EmbeddingTable,
  type EvaluationReport,
  type EvaluationSplit,
  LIKE_THRESHOLD,
  type ModelMetrics,
  type RatingRow,
  type Scorer,
} from "./types.ts";
