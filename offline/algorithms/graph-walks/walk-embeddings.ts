import {
  buildCorpus,
  type Item2VecModel,
  type Item2VecParams,
  type TrainOptions,
  trainItem2Vec,
} from "../item2vec/index.ts";

/** Trains skip-gram embeddings on walks as sentences (DeepWalk / Node2vec's second half). */
export async function trainWalkEmbeddings(
  walks: readonly (readonly string[])[],
  params: Item2VecParams,
  options: TrainOptions = {},
): Promise<Item2VecModel> {
  return trainItem2Vec(buildCorpus(walks, params.minCount), params, options);
}
