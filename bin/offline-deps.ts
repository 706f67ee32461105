import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { systemClock } from "../core/clock.ts";
import type { Config } from "../core/config/index.ts";
import type { Logger } from "../core/logger.ts";
import { createStoreAdapters } from "../infra/create-adapters.ts";
import { createArtifactDirectory } from "../infra/files/artifact-directory.ts";
import { DEFAULT_RANKER_PARAMS } from "../offline/algorithms/ranker/index.ts";
import type { JobDeps } from "../offline/jobs/job-deps.ts";
import type { ModelParams } from "../offline/jobs/training/models/model-params.ts";
import type { RankerStageParams } from "../offline/jobs/training/ranker-stage.ts";
import type { TrainingParams } from "../offline/jobs/training/run-training.ts";
import { cliProgress } from "./cli-support.ts";
import { onShutdown } from "./shutdown.ts";

/** Where published versions' file copies live: beside the embedded stores' files. */
export function artifactDir(config: Config): string {
  return join(config.stateDir, "artifacts");
}

/** The offline composition root: stores (no event log), the artifact folder, clock, ids and progress. */
export async function openOfflineDeps(
  config: Config,
  logger: Logger,
): Promise<JobDeps & { close(): Promise<void> }> {
  const stores = await createStoreAdapters(config, { clock: systemClock, logger });
  onShutdown(async () => stores.close());
  return { ...(await jobDepsOn(stores, config, logger)), close: () => stores.close() };
}

/** Job dependencies on stores the caller already opened (the demo and the online tier's admin run jobs too). */
export async function jobDepsOn(
  stores: Pick<JobDeps, "cache" | "bulk" | "control">,
  config: Config,
  logger: Logger,
): Promise<JobDeps> {
  // Loaded here, not at import: only commands that train or serve vectors need the native HNSW addon.
  const { createAnnIndexFactory } = await import("../infra/ann/index.ts");
  return {
    cache: stores.cache,
    bulk: stores.bulk,
    control: stores.control,
    files: createArtifactDirectory({ dir: artifactDir(config) }),
    ann: createAnnIndexFactory(),
    clock: systemClock,
    logger,
    progress: cliProgress,
    newId: () => randomUUID().slice(0, 8),
  };
}

/** Layer sizes from `32,16`; empty means none. */
function layerSizes(text: string): number[] {
  return text === "" ? [] : text.split(",").map(Number);
}

/** Every model's parameters from the config. */
export function modelParams(config: Config): ModelParams {
  const { offline } = config;
  return {
    // word2vec's floor, or the starting rate when that is lower, so any configured rate trains.
    item2vec: { ...offline.item2vec, minLearningRate: Math.min(0.0001, offline.item2vec.learningRate) },
    deepwalk: offline.deepwalk,
    node2vec: offline.node2vec,
    als: { ...offline.als, seed: offline.item2vec.seed, threads: offline.item2vec.threads },
    recencyHalfLifeMs: offline.recencyHalfLifeDays * 86_400_000,
  };
}

/** The ranker's parameters and candidates from the config. */
export function rankingParams(config: Config): RankerStageParams {
  const { ranker, item2vec, buckets } = config.offline;
  return {
    priorWeight: config.demo.priorWeight,
    buckets,
    candidatesPerChannel: ranker.candidatesPerChannel,
    ranker: {
      ...DEFAULT_RANKER_PARAMS,
      hidden: layerSizes(ranker.hidden),
      epochs: ranker.epochs,
      seed: item2vec.seed,
    },
  };
}

/** Training parameters from the config; `force` and the data set come from the command line. */
export function trainingParams(config: Config, force: boolean): TrainingParams {
  const { offline } = config;
  return {
    priorWeight: config.demo.priorWeight,
    topK: 100,
    buckets: offline.buckets,
    hotUsers: offline.hotUsers,
    userTtlHours: offline.userTtlHours,
    models: modelParams(config),
    ranking: rankingParams(config),
    promotionMargin: offline.promotionMargin,
    evalMaxUsers: offline.evalMaxUsers,
    force,
  };
}
