import type { Item2VecParams } from "../../algorithms/item2vec/index.ts";
import {
  type EvaluationReport,
  evaluateScorer,
  lastLikedScorer,
  type ModelMetrics,
  meanOfLikedScorer,
  popularityScorer,
  type Scorer,
  sampleEvaluatedUsers,
  splitLeaveLastOut,
} from "../../evaluate/index.ts";
import type { JobDeps } from "../job-deps.ts";
import type { History } from "./history.ts";
import { likedSequences } from "./liked-sequences.ts";
import { trainItem2VecOn } from "./train-item2vec-stage.ts";

export const EVALUATION_PROTOCOL =
  "leave-last-out: each user's last item rated >= 3.5 held out with everything rated at or after it; " +
  "candidates = every catalogue item not rated in training";

export interface EvaluateParams {
  readonly history: History;
  readonly item2vec: Item2VecParams;
  /** Evaluate on at most this many users, a seeded sample of those the split holds out. */
  readonly maxUsers: number;
  readonly signal?: AbortSignal;
}

function measure(
  deps: JobDeps,
  split: Parameters<typeof evaluateScorer>[0],
  catalogue: string[],
  scorer: Scorer,
) {
  const progress = deps.progress({ label: `evaluate ${scorer.name}`, unit: "users" });
  const metrics = evaluateScorer(split, catalogue, scorer, { onProgress: (done) => progress.update(done) });
  progress.finish();
  return metrics;
}

/** Stage 4: leave-last-out evaluation of the popularity baseline and every model, each trained on the split. */
export async function runEvaluation(deps: JobDeps, params: EvaluateParams): Promise<EvaluationReport> {
  const split = sampleEvaluatedUsers(
    splitLeaveLastOut(params.history.ratings),
    params.maxUsers,
    params.item2vec.seed,
  );
  const catalogue = params.history.items.map((item) => item.itemId);
  const models: ModelMetrics[] = [measure(deps, split, catalogue, popularityScorer(split, catalogue))];
  const trained = await trainItem2VecOn(
    deps,
    likedSequences(split.train),
    params.item2vec,
    "item2vec (split)",
    params.signal,
  );
  for (const scorer of [
    meanOfLikedScorer("item2vec-mean", trained.model, catalogue),
    lastLikedScorer("item2vec-last", trained.model, catalogue),
  ]) {
    models.push({ ...measure(deps, split, catalogue, scorer), trainingMs: trained.trainingMs });
  }
  return { protocol: EVALUATION_PROTOCOL, users: split.heldOut.size, catalogue: catalogue.length, models };
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
