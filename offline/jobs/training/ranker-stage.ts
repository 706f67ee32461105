import type { RankerModel } from "../../../core/ranking/index.ts";
import { type RankerParams, trainRanker } from "../../algorithms/ranker/index.ts";
import { catalogueIndex } from "../../evaluate/catalogue-index.ts";
import { type EvaluationSplit, sampleEvaluatedUsers, splitLeaveLastOut } from "../../evaluate/index.ts";
import { CandidateCollector } from "../../ranking/candidates.ts";
import { buildRankerRows } from "../../ranking/ranker-rows.ts";
import type { JobDeps } from "../job-deps.ts";
import type { History } from "./history.ts";
import type { ModelParams } from "./models/model-params.ts";
import { channelsOf, trainModels } from "./models/train-models.ts";
import { type ContextParams, rankingContext } from "./ranking-context.ts";

export interface RankerStageParams extends ContextParams {
  /** How many items each channel recalls for the ranker to order. */
  readonly candidatesPerChannel: number;
  readonly ranker: RankerParams;
}

/** Fewer users with a recalled held-out item than this teach a ranker nothing; the version then has none. */
const MIN_RANKER_USERS = 10;

export interface TrainedRanker {
  readonly model: RankerModel;
  readonly trainingMs: number;
  readonly rows: number;
}

/**
 * Trains the ranker without looking at `split`'s held-out items: the split's training data is split again
 * (leave-last-out), every model is trained on the inner training part, and the ranker learns to pick each
 * user's inner held-out item among the channels' candidates.
 */
export async function trainRankerFor(
  deps: JobDeps,
  history: History,
  split: EvaluationSplit,
  params: { models: ModelParams; ranking: RankerStageParams; maxUsers: number; signal?: AbortSignal },
): Promise<TrainedRanker | null> {
  const started = performance.now();
  const catalogue = history.items.map((item) => item.itemId);
  const index = catalogueIndex(catalogue);
  // The same user cap as the evaluation: training rows cost a full-catalogue pass per user and channel.
  const inner = sampleEvaluatedUsers(
    splitLeaveLastOut(split.train),
    params.maxUsers,
    params.models.item2vec.seed,
  );
  const models = await trainModels(deps, inner.train, params.models, params.signal);
  const collector = new CandidateCollector(
    channelsOf(models, catalogue),
    index,
    params.ranking.candidatesPerChannel,
  );
  const context = rankingContext(history.items, catalogue, inner.train, params.ranking);
  const rows = buildRankerRows(inner, collector, index, context);
  if (rows.usersWithPositive < MIN_RANKER_USERS) {
    deps.logger.warn("too little data to train a ranker; this version has none", {
      usersWithPositive: rows.usersWithPositive,
      needed: MIN_RANKER_USERS,
    });
    return null;
  }
  const progress = deps.progress({ label: "ranker", unit: "epochs", total: params.ranking.ranker.epochs });
  const { model } = await trainRanker(rows, params.ranking.ranker, {
    ...(params.signal ? { signal: params.signal } : {}),
    onProgress: (p) => progress.update(p.epoch),
  });
  progress.finish(`${rows.rows} rows from ${rows.usersWithPositive} users`);
  return { model, trainingMs: performance.now() - started, rows: rows.rows };
}
