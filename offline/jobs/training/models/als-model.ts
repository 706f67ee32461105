import { EMBEDDING_MODELS } from "../../../../schemas/index.ts";
import { type AlsModel, buildInteractions, trainImplicitAls } from "../../../algorithms/als/index.ts";
import { LIKE_THRESHOLD } from "../../../evaluate/index.ts";
import type { JobDeps } from "../../job-deps.ts";
import type { HistoryRating } from "../history.ts";
import type { ModelParams } from "./model-params.ts";

/** The interaction strength of a rating below the like threshold. */
const DISLIKED_STRENGTH = 0.1;

export interface TrainedAls {
  readonly model: string;
  readonly factors: AlsModel;
  readonly trainingMs: number;
}

/** Implicit ALS over every rating as an interaction (confidence 1 + alpha), with a progress line per sweep. */
export async function trainAls(
  deps: JobDeps,
  ratings: readonly HistoryRating[],
  params: ModelParams,
  signal?: AbortSignal,
): Promise<TrainedAls> {
  const started = performance.now();
  // Liked items are full-strength interactions; the rest count a tenth, as weak evidence the user saw them.
  // On ml-latest-small this lifts HR@10 from about 0.077 to 0.085-0.090 (mean of 4 seeds, regularization 1).
  const interactions = buildInteractions(ratings, {
    strength: (rating) => (rating >= LIKE_THRESHOLD ? 1 : DISLIKED_STRENGTH),
  });
  const progress = deps.progress({ label: "als", unit: "iterations", total: params.als.iterations });
  const factors = await trainImplicitAls(interactions, params.als, {
    ...(signal ? { signal } : {}),
    onProgress: (p) => progress.update(p.iteration),
  });
  progress.finish(`${factors.userIds.length} users, ${factors.itemIds.length} items`);
  return { model: EMBEDDING_MODELS.als, factors, trainingMs: performance.now() - started };
}
