import { createRankerScorer } from "../../../core/ranking/index.ts";
import { catalogueIndex } from "../../evaluate/catalogue-index.ts";
import {
  type EvaluationReport,
  type EvaluationSplit,
  evaluateScorer,
  type ModelMetrics,
  type Scorer,
  sampleEvaluatedUsers,
  splitLeaveLastOut,
} from "../../evaluate/index.ts";
import { CandidateCollector } from "../../ranking/candidates.ts";
import { rerankingScorer } from "../../ranking/reranking-scorer.ts";
import type { JobDeps } from "../job-deps.ts";
import type { History } from "./history.ts";
import type { ModelParams } from "./models/model-params.ts";
import { channelsOf, channelTrainingMs, trainModels } from "./models/train-models.ts";
import { type RankerStageParams, type TrainedRanker, trainRankerFor } from "./ranker-stage.ts";
import { rankingContext } from "./ranking-context.ts";

export const EVALUATION_PROTOCOL =
  "leave-last-out: each user's last item rated >= 3.5 held out with everything rated at or after it; " +
  "candidates = every catalogue item not rated in training";

export interface EvaluateParams {
  readonly history: History;
  readonly models: ModelParams;
  readonly ranking: RankerStageParams;
  /** Evaluate on at most this many users, a seeded sample of those the split holds out. */
  readonly maxUsers: number;
  readonly signal?: AbortSignal;
}

export interface EvaluationResult {
  readonly report: EvaluationReport;
  /** The ranker trained without the evaluation's held-out items, or null when the data is too small for one. */
  readonly ranker: TrainedRanker | null;
}

function measure(deps: JobDeps, split: EvaluationSplit, catalogue: string[], scorer: Scorer) {
  const progress = deps.progress({ label: `evaluate ${scorer.name}`, unit: "users" });
  const metrics = evaluateScorer(split, catalogue, scorer, { onProgress: (done) => progress.update(done) });
  progress.finish();
  return metrics;
}

function evaluateRanker(
  deps: JobDeps,
  split: EvaluationSplit,
  history: History,
  channels: Scorer[],
  ranking: RankerStageParams,
  ranker: TrainedRanker,
): ModelMetrics {
  const catalogue = history.items.map((item) => item.itemId);
  const collector = new CandidateCollector(channels, catalogueIndex(catalogue), ranking.candidatesPerChannel);
  const context = rankingContext(history.items, catalogue, split.train, ranking);
  const reranker = rerankingScorer("ranker", collector, context, createRankerScorer(ranker.model));
  return { ...measure(deps, split, catalogue, reranker), trainingMs: ranker.trainingMs };
}

/**
 * Stage 4: leave-last-out evaluation of the popularity baseline, every model (each retrained on the split) and
 * the ranker re-ranking the union of the models' candidates.
 */
export async function runEvaluation(deps: JobDeps, params: EvaluateParams): Promise<EvaluationResult> {
  const { history, signal } = params;
  const seed = params.models.item2vec.seed;
  const split = sampleEvaluatedUsers(splitLeaveLastOut(history.ratings), params.maxUsers, seed);
  const catalogue = history.items.map((item) => item.itemId);
  const trained = await trainModels(deps, split.train, params.models, signal);
  const channels = channelsOf(trained, catalogue);
  const trainingMs = channelTrainingMs(trained);
  // A model the data was too small for keeps its (empty) channel for the ranker but has no row in the table.
  const trainedChannels = channels.filter((c) => c.name === "popularity" || trainingMs[c.name] !== undefined);
  const models: ModelMetrics[] = trainedChannels.map((scorer) => {
    const metrics = measure(deps, split, catalogue, scorer);
    const ms = trainingMs[scorer.name];
    return ms === undefined ? metrics : { ...metrics, trainingMs: ms };
  });
  const ranker = await trainRankerFor(deps, history, split, {
    models: params.models,
    ranking: params.ranking,
    maxUsers: params.maxUsers,
    ...(signal ? { signal } : {}),
  });
  if (ranker !== null) models.push(evaluateRanker(deps, split, history, channels, params.ranking, ranker));
  const report = {
    protocol: EVALUATION_PROTOCOL,
    users: split.heldOut.size,
    catalogue: catalogue.length,
    models,
  };
  return { report, ranker };
}

/** The figure a version is promoted on: the best HR@10 of any model other than the popularity baseline. */
export function promotionScore(report: EvaluationReport) {
  const candidates = report.models.filter((m) => m.model !== "popularity");
  const best = candidates.reduce<ModelMetrics | null>(
    (a, m) => (a === null || m.hr10 > a.hr10 ? m : a),
    null,
  );
  return best === null ? undefined : { metric: "hr@10", model: best.model, value: best.hr10 };
}
