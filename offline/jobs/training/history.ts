import type { ItemRecord } from "../../../core/ports/index.ts";

/** One rating as the offline stages use it; `timestamp` in ms. */
export interface HistoryRating {
  readonly userId: string;
  readonly itemId: string;
  readonly rating: number;
  readonly timestamp: number;
}

/** The full history one training run learns from: the catalogue and every rating. */
export interface History {
  readonly items: readonly ItemRecord[];
  readonly ratings: readonly HistoryRating[];
  /** The latest event time in the history (ms): "now" for recency features, never the wall clock. */
  readonly latestTimestamp: number;
}
