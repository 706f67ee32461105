/** One explicit rating as the evaluation sees it; timestamps are Unix seconds. */
export interface RatingRow {
  readonly userId: string;
  readonly itemId: string;
  readonly rating: number;
  readonly timestamp: number;
}

export { LIKE_THRESHOLD } from "../../core/features/index.ts";

/** A leave-last-out split: training data for every user and one held-out liked item per evaluated user. */
export interface EvaluationSplit {
  /** Training ratings of all users, in input order. */
  readonly train: readonly RatingRow[];
  /** Evaluated userId -> held-out itemId, in order of each user's first rating in the input. */
  readonly heldOut: ReadonlyMap<string, string>;
  /** Each user's training ratings sorted by (timestamp, itemId), see `compareRatings`. */
  readonly trainByUser: ReadonlyMap<string, readonly RatingRow[]>;
}

/**
 * A model under test: given a user's training ratings, writes a score for every catalogue item into `out`
 * (index = catalogue position). `-Infinity` (or NaN) means "cannot recommend". `out` is a reused buffer, so
 * a scorer must write every position.
 */
export interface Scorer {
  readonly name: string;
  score(userId: string, history: readonly RatingRow[], out: Float32Array): void;
}

/** Quality figures of one model under the protocol; rates are in [0, 1]. */
export interface ModelMetrics {
  readonly model: string;
  readonly users: number;
  readonly hr10: number;
  readonly ndcg10: number;
  readonly hr50: number;
  readonly coverage10: number;
  readonly scoringMs: number;
  readonly trainingMs?: number;
}

/** A row-major item matrix: row i of `vectors` (length `dimension`) belongs to `itemIds[i]`. */
export interface EmbeddingTable {
  readonly itemIds: readonly string[];
  readonly dimension: number;
  readonly vectors: Float32Array;
}

/** Several models evaluated on the same split and catalogue. */
export interface EvaluationReport {
  readonly protocol: string;
  readonly users: number;
  readonly catalogue: number;
  readonly models: readonly ModelMetrics[];
}
