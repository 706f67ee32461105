import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { systemClock } from "../core/clock.ts";
import type { Config } from "../core/config/index.ts";
import type { Logger } from "../core/logger.ts";
import { createStoreAdapters } from "../infra/create-adapters.ts";
import { createArtifactDirectory } from "../infra/files/artifact-directory.ts";
import type { JobDeps } from "../offline/jobs/job-deps.ts";
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
  return {
    ...stores,
    files: createArtifactDirectory({ dir: artifactDir(config) }),
    clock: systemClock,
    logger,
    progress: cliProgress,
    newId: () => randomUUID().slice(0, 8),
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
    recencyHalfLifeDays: offline.recencyHalfLifeDays,
    // word2vec's floor, or the starting rate when that is lower, so any configured rate trains.
    item2vec: { ...offline.item2vec, minLearningRate: Math.min(0.0001, offline.item2vec.learningRate) },
    promotionMargin: offline.promotionMargin,
    evalMaxUsers: offline.evalMaxUsers,
    force,
  };
}
