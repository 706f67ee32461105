import type { MinMaxRange } from "./numeric.ts";

/** Version of the `FeatureTransforms` layout; bump it when a field changes meaning. */
export const FEATURE_TRANSFORMS_FORMAT = 1;

/**
 * Everything the offline fit learnt from the data that the online tier needs to transform features the same
 * way: stored as JSON with the feature version. Keys of `minMax` and `buckets` are feature names, see
 * `ITEM_FEATURE_KEYS`.
 */
export interface FeatureTransforms {
  readonly formatVersion: typeof FEATURE_TRANSFORMS_FORMAT;
  /** The genre vocabulary, sorted and unique; positions in one-hot and multi-hot vectors. */
  readonly genres: readonly string[];
  /** Fitted range per numeric feature. */
  readonly minMax: Readonly<Record<string, MinMaxRange>>;
  /** Strictly ascending quantile boundaries per numeric feature; see `bucketIndex`. */
  readonly buckets: Readonly<Record<string, readonly number[]>>;
  /** The prior of the Bayesian average, so a fresh item's smoothed rating is computed the same way. */
  readonly bayesianPrior: { readonly weight: number; readonly mean: number };
}

/**
 * Names of the item features in `minMax` and `buckets`. The count is scaled after log1p (counts are heavily
 * skewed) but bucketed raw, since quantile boundaries do not change under a monotone transform and raw counts
 * read better in the stored JSON.
 */
export const ITEM_FEATURE_KEYS = {
  ratingCountLog1p: "ratingCountLog1p",
  ratingCount: "ratingCount",
  bayesianAverage: "bayesianAverage",
  year: "year",
} as const;
