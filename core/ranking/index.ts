export { parseRankerModel } from "./parse-ranker-model.ts";
export { RANKER_MODEL_FORMAT, type RankerLayer, type RankerModel } from "./ranker-model.ts";
export {
  createRankerScorer,
  type RankerOutput,
  type RankerScorer,
  type RankerScorerOptions,
} from "./ranker-scorer.ts";
