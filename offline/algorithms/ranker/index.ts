export { auc } from "./auc.ts";
export { DEFAULT_RANKER_PARAMS, type RankerParams, validateRankerParams } from "./params.ts";
export { type PlantedRankingOptions, plantedRankingData } from "./planted-data.ts";
export { trainRanker } from "./train.ts";
export type { RankerEpoch, RankerHistory, RankerTrainingData, RankerTrainOptions } from "./train-options.ts";
