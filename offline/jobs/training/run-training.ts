import { NotFoundError } from "../../../core/errors.ts";
import type { Dataset } from "../../data/index.ts";
import type { EvaluationReport } from "../../evaluate/index.ts";
import type { JobDeps } from "../job-deps.ts";
import { nextVersionId, type PublishResult, publishVersion } from "../publish/index.ts";
import { type PublishLease, withPublishLease } from "../publish/publish-lease.ts";
import { assembleVersion } from "./assemble-version.ts";
import { runEmbeddings } from "./embeddings-stage.ts";
import { runEvaluation } from "./evaluate-stage.ts";
import { runFeatures } from "./features-stage.ts";
import { mostRecentlyActive } from "./hot-users.ts";
import { buildIndexes } from "./indexes-stage.ts";
import { loadHistory } from "./load-history.ts";
import type { ModelParams } from "./models/model-params.ts";
import type { RankerStageParams } from "./ranker-stage.ts";

export interface TrainingParams {
  /** Import this data set first (idempotent); otherwise train on what the stores hold. */
  readonly dataset?: Dataset;
  readonly priorWeight: number;
  readonly topK: number;
  readonly buckets: number;
  readonly hotUsers: number;
  readonly userTtlHours: number;
  readonly models: ModelParams;
  readonly ranking: RankerStageParams;
  readonly promotionMargin: number;
  /** Evaluate on at most this many users (a seeded sample), so evaluation time stays bounded. */
  readonly evalMaxUsers: number;
  readonly force: boolean;
  /** Stops the run between stages and inside training; nothing is published after it fires. */
  readonly signal?: AbortSignal;
}

export interface TrainingResult extends PublishResult {
  readonly report: EvaluationReport;
  readonly items: number;
  readonly users: number;
  readonly ratings: number;
  /** Wall time of each stage, in ms. */
  readonly stageMs: Readonly<Record<string, number>>;
}

async function timed<T>(
  stageMs: Record<string, number>,
  name: string,
  work: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  signal?.throwIfAborted();
  const started = performance.now();
  const result = await work();
  stageMs[name] = Math.round(performance.now() - started);
  return result;
}

/**
 * The whole offline pipeline once: load → features → embeddings → evaluate → publish, holding the publish
 * lease throughout so that no other process trains or rolls back at the same time.
 */
export function runTraining(deps: JobDeps, params: TrainingParams): Promise<TrainingResult> {
  return withPublishLease(deps, (lease) => trainAndPublish(deps, params, lease));
}

async function trainAndPublish(
  deps: JobDeps,
  params: TrainingParams,
  lease: PublishLease,
): Promise<TrainingResult> {
  const stageMs: Record<string, number> = {};
  const { signal } = params;
  const history = await timed(
    stageMs,
    "load",
    () => loadHistory(deps, params.dataset ? { dataset: params.dataset } : {}),
    signal,
  );
  if (history.ratings.length === 0) {
    throw new NotFoundError(
      "there are no ratings to train on: pass --data DIR (a MovieLens copy) to import one first",
    );
  }
  const features = await timed(stageMs, "features", () => runFeatures(deps, { history, ...params }), signal);
  const withSignal = signal ? { signal } : {};
  const trained = await timed(
    stageMs,
    "embeddings",
    () => runEmbeddings(deps, { ratings: history.ratings, models: params.models, ...withSignal }),
    signal,
  );
  const indexes = await timed(
    stageMs,
    "indexes",
    async () => buildIndexes(deps, trained.embeddings, signal),
    signal,
  );
  const evaluation = {
    history,
    models: params.models,
    ranking: params.ranking,
    maxUsers: params.evalMaxUsers,
  };
  const { report, ranker } = await timed(
    stageMs,
    "evaluate",
    () => runEvaluation(deps, { ...evaluation, ...withSignal }),
    signal,
  );
  const version = nextVersionId(deps);
  const bundle = assembleVersion({
    version,
    features,
    embeddings: trained.embeddings,
    graph: trained.models.graph,
    indexes,
    ranker: ranker?.model ?? null,
    report,
    hotUsers: mostRecentlyActive(history.ratings, params.hotUsers),
    userTtlMs: params.userTtlHours * 3_600_000,
  });
  const beforeSwitch = async () => {
    signal?.throwIfAborted();
    await lease.confirm();
  };
  const published = await timed(
    stageMs,
    "publish",
    () =>
      publishVersion(deps, version, bundle, {
        margin: params.promotionMargin,
        force: params.force,
        beforeSwitch,
      }),
    signal,
  );
  return {
    ...published,
    report,
    items: features.items.size,
    users: features.users.size,
    ratings: history.ratings.length,
    stageMs,
  };
}
