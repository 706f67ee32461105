import { ValidationError } from "../errors.ts";
import { listedGenres, multiHot, oneHot } from "./categorical.ts";
import { type FeatureTransforms, ITEM_FEATURE_KEYS } from "./feature-transforms.ts";
import { bucketIndex, type MinMaxRange, minMaxScale } from "./numeric.ts";

/** What is known about an item before any fitted transform: catalogue fields and rating statistics. */
export interface ItemBasics {
  readonly itemId: string;
  readonly year: number | null;
  /** Genres as the catalogue lists them; the no-genre marker is dropped when encoding. */
  readonly genres: readonly string[];
  readonly ratingCount: number;
  /** Mean rating, or null for an item nobody rated. */
  readonly averageRating: number | null;
  readonly bayesianAverage: number;
}

/** An item's model features, JSON-friendly; vectors are positions in `FeatureTransforms.genres`. */
export interface ItemFeatures {
  itemId: string;
  /** Multi-hot over the genre vocabulary. */
  genres: number[];
  /** One-hot of the first listed genre; all zeros when the item has none. */
  primaryGenre: number[];
  year: number | null;
  /** Null when the year is unknown, as are `yearNorm`; imputing is the model's choice, not ours. */
  yearBucket: number | null;
  yearNorm: number | null;
  ratingCount: number;
  averageRating: number | null;
  bayesianAverage: number;
  /** Min-max scaled log1p(ratingCount). */
  ratingCountNorm: number;
  bayesianAverageNorm: number;
  ratingCountBucket: number;
  bayesianAverageBucket: number;
}

/** Apply fitted transforms to one item; the same code runs offline when publishing and online for a fresh item. */
export function encodeItem(item: ItemBasics, transforms: FeatureTransforms): ItemFeatures {
  const keys = ITEM_FEATURE_KEYS;
  const genres = listedGenres(item.genres);
  const year = item.year;
  return {
    itemId: item.itemId,
    genres: Array.from(multiHot(genres, transforms.genres)),
    primaryGenre: Array.from(oneHot(genres[0], transforms.genres)),
    year,
    yearBucket: year === null ? null : bucketIndex(year, boundariesOf(transforms, keys.year)),
    yearNorm: year === null ? null : minMaxScale(year, rangeOf(transforms, keys.year)),
    ratingCount: item.ratingCount,
    averageRating: item.averageRating,
    bayesianAverage: item.bayesianAverage,
    ratingCountNorm: minMaxScale(Math.log1p(item.ratingCount), rangeOf(transforms, keys.ratingCountLog1p)),
    bayesianAverageNorm: minMaxScale(item.bayesianAverage, rangeOf(transforms, keys.bayesianAverage)),
    ratingCountBucket: bucketIndex(item.ratingCount, boundariesOf(transforms, keys.ratingCount)),
    bayesianAverageBucket: bucketIndex(item.bayesianAverage, boundariesOf(transforms, keys.bayesianAverage)),
  };
}

function rangeOf(transforms: FeatureTransforms, key: string): MinMaxRange {
  const range = transforms.minMax[key];
  if (range === undefined) throw missing(`minMax.${key}`);
  return range;
}

function boundariesOf(transforms: FeatureTransforms, key: string): readonly number[] {
  const boundaries = transforms.buckets[key];
  if (boundaries === undefined) throw missing(`buckets.${key}`);
  return boundaries;
}

function missing(field: string): ValidationError {
  return new ValidationError(`Feature transforms lack ${field}`, [{ field, message: "required" }]);
}
