export { FEATURE_FIELDS, genreFields, tallyOfFeatureHash } from "./feature-fields.ts";
export {
  decodeHistoryEntry,
  decodeLikedEntry,
  encodeHistoryEntry,
  encodeLikedEntry,
  type HistoryEntry,
} from "./history-entry.ts";
export {
  addToMean,
  addToRecencyMean,
  decodeRunningMean,
  emptyRunningMean,
  encodeRunningMean,
  meanVector,
  type RunningMean,
} from "./running-mean.ts";
