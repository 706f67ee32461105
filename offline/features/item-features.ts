import {
  encodeItem,
  FEATURE_TRANSFORMS_FORMAT,
  type FeatureTransforms,
  ITEM_FEATURE_KEYS,
  type ItemBasics,
  type ItemFeatures,
} from "../../core/features/index.ts";
import { genreVocabulary } from "./feature-vocabulary.ts";
import { fitMinMax, fitQuantileBuckets } from "./fit-transforms.ts";
import { bayesianAverage, ItemStatsAccumulator, type ItemStatsTable, type RatingLike } from "./item-stats.ts";

export type { ItemFeatures } from "../../core/features/index.ts";

export interface MovieForFeatures {
  readonly itemId: string;
  readonly year: number | null;
  readonly genres: readonly string[];
}

export interface ItemFeatureOptions {
  /** Weight of the global mean in the Bayesian average, in ratings. */
  readonly priorWeight: number;
  /** Quantile buckets per numeric feature (before ties collapse some). */
  readonly buckets: number;
}

export interface ItemFeatureSet {
  readonly transforms: FeatureTransforms;
  readonly items: Map<string, ItemFeatures>;
}

/**
 * Features of every catalogue movie: statistics from all ratings (ratings of unknown items still count
 * in the global mean), transforms fitted on the catalogue (unrated movies included, as they are served too),
 * then applied with the core encoder the online tier uses.
 */
export function buildItemFeatures(
  movies: readonly MovieForFeatures[],
  ratings: readonly RatingLike[],
  options: ItemFeatureOptions,
): ItemFeatureSet {
  const stats = new ItemStatsAccumulator();
  for (const rating of ratings) stats.add(rating);
  const table = stats.result();
  const basics = movies.map((movie) => basicsOf(movie, table, options.priorWeight));
  const prior = { weight: options.priorWeight, mean: table.globalMean };
  const transforms = fitItemTransforms(movies, basics, prior, options.buckets);
  const items = new Map<string, ItemFeatures>();
  for (const item of basics) items.set(item.itemId, encodeItem(item, transforms));
  return { transforms, items };
}

function basicsOf(movie: MovieForFeatures, table: ItemStatsTable, priorWeight: number): ItemBasics {
  const count = table.count.get(movie.itemId) ?? 0;
  const sum = table.sum.get(movie.itemId) ?? 0;
  return {
    itemId: movie.itemId,
    year: movie.year,
    genres: movie.genres,
    ratingCount: count,
    averageRating: count === 0 ? null : sum / count,
    bayesianAverage: bayesianAverage(sum, count, table.globalMean, priorWeight),
  };
}

function fitItemTransforms(
  movies: readonly MovieForFeatures[],
  basics: readonly ItemBasics[],
  bayesianPrior: FeatureTransforms["bayesianPrior"],
  buckets: number,
): FeatureTransforms {
  const keys = ITEM_FEATURE_KEYS;
  const counts = basics.map((item) => item.ratingCount);
  const smoothed = basics.map((item) => item.bayesianAverage);
  const years = basics.flatMap((item) => (item.year === null ? [] : [item.year]));
  return {
    formatVersion: FEATURE_TRANSFORMS_FORMAT,
    genres: genreVocabulary(movies),
    minMax: {
      [keys.ratingCountLog1p]: fitMinMax(counts.map((count) => Math.log1p(count))),
      [keys.bayesianAverage]: fitMinMax(smoothed),
      [keys.year]: fitMinMax(years),
    },
    buckets: {
      [keys.ratingCount]: fitQuantileBuckets(counts, buckets),
      [keys.bayesianAverage]: fitQuantileBuckets(smoothed, buckets),
      [keys.year]: fitQuantileBuckets(years, buckets),
    },
    bayesianPrior,
  };
}
