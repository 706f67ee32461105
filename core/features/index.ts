export { listedGenres, multiHot, NO_GENRES_LISTED, oneHot } from "./categorical.ts";
export {
  FEATURE_TRANSFORMS_FORMAT,
  type FeatureTransforms,
  ITEM_FEATURE_KEYS,
} from "./feature-transforms.ts";
export { encodeItem, type ItemBasics, type ItemFeatures } from "./item-encoding.ts";
export { bucketIndex, type MinMaxRange, minMaxScale } from "./numeric.ts";
export { parseFeatureTransforms } from "./parse-feature-transforms.ts";
export {
  featuresOfTally,
  GENRE_AFFINITY_SHRINKAGE,
  LIKE_THRESHOLD,
  type RatingCounts,
  type RatingTally,
  type UserFeatures,
} from "./user-profile.ts";
