/**
 * Small model settings for tests that run the whole pipeline through the CLI: every stage still runs on the
 * full data set, with fewer epochs and walks, so a run takes seconds. Quality is tested with the defaults
 * elsewhere (item2vec-quality, the ALS and ranker quality tests).
 */
export const FAST_OFFLINE_ENV: Readonly<Record<string, string>> = {
  RECSYS_OFFLINE_ITEM2VEC_EPOCHS: "3",
  RECSYS_OFFLINE_DEEPWALK_WALKS_PER_NODE: "1",
  RECSYS_OFFLINE_DEEPWALK_EPOCHS: "1",
  RECSYS_OFFLINE_NODE2VEC_WALKS_PER_NODE: "1",
  RECSYS_OFFLINE_NODE2VEC_EPOCHS: "1",
  RECSYS_OFFLINE_ALS_FACTORS: "16",
  RECSYS_OFFLINE_ALS_ITERATIONS: "3",
  RECSYS_OFFLINE_RANKER_CANDIDATES: "20",
  RECSYS_OFFLINE_RANKER_EPOCHS: "3",
};
