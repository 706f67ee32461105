import {
  type Corpus,
  DEFAULT_ITEM2VEC_PARAMS,
  trainItem2Vec,
} from "../../offline/algorithms/item2vec/index.ts";
import type { Configuration, SharedParams, TrainedModel } from "./types.ts";

/** Trains Starling's Item2Vec in this process on the prebuilt corpus; `seconds` covers trainItem2Vec only. */
export async function trainStarling(
  corpus: Corpus,
  shared: SharedParams,
  config: Configuration,
  seed: number,
): Promise<TrainedModel> {
  const params = {
    ...DEFAULT_ITEM2VEC_PARAMS,
    ...shared,
    subsample: config.subsample,
    threads: config.threads,
    seed,
    learningRate: 0.025,
    minLearningRate: 0.0001,
  };
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const model = await trainItem2Vec(corpus, params);
  const seconds = (performance.now() - started) / 1000;
  // cpuUsage covers the whole process, so the training workers' threads count too.
  const cpu = process.cpuUsage(cpuStarted);
  return { table: model, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, details: {} };
}
