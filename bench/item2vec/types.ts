import type { EmbeddingTable } from "../../offline/evaluate/index.ts";

/** The two trainers compared, in the order they alternate. */
export const SIDES = ["Starling", "gensim"] as const;
export type SideName = (typeof SIDES)[number];

/** Hyper-parameters shared by both sides; `subsample`, `threads` and `seed` vary per run. */
export interface SharedParams {
  dimension: number;
  window: number;
  negatives: number;
  epochs: number;
  minCount: number;
}

/** One configuration of the sweep. */
export interface Configuration {
  subsample: number;
  threads: number;
}

/** What one training run of either side hands back; `seconds` covers training only. */
export interface TrainedModel {
  table: EmbeddingTable;
  seconds: number;
  /** CPU time of all the trainer's threads over the same span: CPU-bound training keeps it near threads x seconds. */
  cpuSeconds: number;
  /** Side-specific facts kept in the JSON (gensim's build_vocab time and effective words, say). */
  details: Record<string, unknown>;
}

/** Quality of one model under the leave-last-out protocol, from the two embedding scorers. */
export interface Quality {
  hr10Last: number;
  ndcg10Last: number;
  hr50Last: number;
  hr10Mean: number;
  ndcg10Mean: number;
  hr50Mean: number;
}

/** One timed run of one side. */
export interface RunResult {
  seed: number;
  trainSeconds: number;
  trainCpuSeconds: number;
  /** (corpus tokens x epochs) / trainSeconds, the same raw formula for both sides. */
  itemsPerSecond: number;
  quality: Quality;
  details: Record<string, unknown>;
}

/** Every timed run of one configuration, by side, in run order. */
export interface ConfigurationResult extends Configuration {
  runs: Record<SideName, RunResult[]>;
}
