import { EMBEDDING_MODELS } from "../../../schemas/index.ts";
import {
  type Item2VecParams,
  userEmbeddingMean,
  userEmbeddingRecency,
} from "../../algorithms/item2vec/index.ts";
import type { JobDeps } from "../job-deps.ts";
import type { EmbeddingSet } from "./embedding-set.ts";
import type { HistoryRating } from "./history.ts";
import { likedSequences } from "./liked-sequences.ts";
import { trainItem2VecOn } from "./train-item2vec-stage.ts";

export interface EmbeddingsParams {
  readonly ratings: readonly HistoryRating[];
  readonly item2vec: Item2VecParams;
  readonly recencyHalfLifeMs: number;
  readonly signal?: AbortSignal;
}

/** Stage 3: Item2Vec over the whole history, then every user's vectors from their liked items. */
export async function runEmbeddings(deps: JobDeps, params: EmbeddingsParams): Promise<EmbeddingSet> {
  const sequences = likedSequences(params.ratings);
  const trained = await trainItem2VecOn(deps, sequences, params.item2vec, "item2vec", params.signal);
  const usersMean = new Map<string, Float32Array>();
  const usersRecent = new Map<string, Float32Array>();
  for (const [userId, liked] of sequences) {
    const mean = userEmbeddingMean(
      trained.model,
      liked.map((r) => r.itemId),
    );
    const recent = userEmbeddingRecency(trained.model, liked, params.recencyHalfLifeMs);
    if (mean) usersMean.set(userId, mean);
    if (recent) usersRecent.set(userId, recent);
  }
  return {
    items: [{ model: EMBEDDING_MODELS.item2vec, ...trained.model }],
    users: [
      { model: EMBEDDING_MODELS.item2vec, vectors: usersMean },
      { model: EMBEDDING_MODELS.item2vecRecent, vectors: usersRecent },
    ],
    trainingMs: { [EMBEDDING_MODELS.item2vec]: trained.trainingMs },
  };
}
