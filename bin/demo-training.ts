import type { Config } from "../core/config/index.ts";
import type { Logger } from "../core/logger.ts";
import type { StoreAdapters } from "../infra/create-adapters.ts";
import type { Dataset } from "../offline/data/index.ts";
import { formatReportMarkdown } from "../offline/evaluate/index.ts";
import { runTraining } from "../offline/jobs/training/run-training.ts";
import { VERSION_KINDS } from "../schemas/index.ts";
import { say } from "./cli-support.ts";
import { jobDepsOn, trainingParams } from "./offline-deps.ts";

/**
 * The demo's offline tier: on the first start (no embeddings version yet) import the data and train every model,
 * so the online tier has vectors, indexes and a ranker to serve; later starts reuse what was published.
 */
export async function ensureTrainedVersion(
  stores: Pick<StoreAdapters, "cache" | "bulk" | "control">,
  config: Config,
  logger: Logger,
  dataset: Dataset,
): Promise<string> {
  const active = await stores.control.activeVersion(VERSION_KINDS.embeddings);
  if (active !== null) {
    say(`serving the trained version ${active} (remove ${config.stateDir} to train again from scratch)`);
    return active;
  }
  say(
    "first start: training every model (features, Item2Vec, DeepWalk, Node2vec, ALS, ANN, ranker); progress below",
  );
  const deps = await jobDepsOn(stores, config, logger);
  // Forced: the first version has nothing to be compared with, and the demo must end up serving one.
  const result = await runTraining(deps, { ...trainingParams(config, true), dataset });
  say(formatReportMarkdown(result.report));
  say(`published ${result.version}: ${result.ratings} ratings, ${result.items} items, ${result.users} users`);
  return result.version;
}
