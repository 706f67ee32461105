import type { JobDeps } from "../job-deps.ts";
import type { EmbeddingSet } from "./embedding-set.ts";
import type { HistoryRating } from "./history.ts";
import type { ModelParams } from "./models/model-params.ts";
import { embeddingSetOf, type TrainedModels, trainModels } from "./models/train-models.ts";

export interface EmbeddingsParams {
  readonly ratings: readonly HistoryRating[];
  readonly models: ModelParams;
  readonly signal?: AbortSignal;
}

export interface EmbeddingsResult {
  readonly models: TrainedModels;
  readonly embeddings: EmbeddingSet;
}

/** Stage 3: every model over the whole history (Item2Vec, graph walks, ALS) and the users' vectors. */
export async function runEmbeddings(deps: JobDeps, params: EmbeddingsParams): Promise<EmbeddingsResult> {
  const models = await trainModels(deps, params.ratings, params.models, params.signal);
  return { models, embeddings: embeddingSetOf(models, params.models.recencyHalfLifeMs) };
}
