import { type Spread, spread } from "../lib/stats.ts";
import {
  type Configuration,
  type ConfigurationResult,
  type Quality,
  type RunResult,
  SIDES,
  type SideName,
} from "./types.ts";

/** The targets the benchmark checks, Starling / gensim at equal threads. */
export const TARGETS = {
  /** Throughput ratio at least this. */
  throughputRatio: 0.5,
  /** HR@10 (last liked) at least this share of gensim's: "within 10%", being better always passes. */
  hr10Ratio: 0.9,
} as const;

/** One side's figures over the timed runs of a configuration. */
export interface SideSummary {
  itemsPerSecond: Spread;
  trainSeconds: Spread;
  /** CPU-seconds per wall-second of training: near the thread count when the trainer is CPU-bound. */
  busyCpus: Spread;
  quality: Record<keyof Quality, Spread>;
  /** Mean over seeds, as the protocol reports stochastic models. */
  qualityMean: Record<keyof Quality, number>;
}

/** A configuration's figures and how they compare with the targets. */
export interface ConfigurationSummary extends Configuration {
  sides: Record<SideName, SideSummary>;
  /** Starling / gensim per run pair, so each ratio shares a moment of machine load. */
  throughputRatio: Spread;
  /** Ratio of the HR@10 means over seeds (seeds are not paired across sides, their runs are). */
  hr10LastRatio: number;
  hr10MeanRatio: number;
  throughputPass: boolean;
  hr10Pass: boolean;
}

/** Medians, spreads, ratios and verdicts of one configuration. */
export function summarize(result: ConfigurationResult): ConfigurationSummary {
  const sides = {} as Record<SideName, SideSummary>;
  for (const side of SIDES) sides[side] = summarizeSide(result.runs[side]);
  const ours = result.runs.Starling.map((r) => r.itemsPerSecond);
  const theirs = result.runs.gensim.map((r) => r.itemsPerSecond);
  const throughputRatio = spread(ours.map((value, i) => value / (theirs[i] ?? Number.NaN)));
  const hr10LastRatio = sides.Starling.qualityMean.hr10Last / sides.gensim.qualityMean.hr10Last;
  const hr10MeanRatio = sides.Starling.qualityMean.hr10Mean / sides.gensim.qualityMean.hr10Mean;
  return {
    subsample: result.subsample,
    threads: result.threads,
    sides,
    throughputRatio,
    hr10LastRatio,
    hr10MeanRatio,
    throughputPass: throughputRatio.median >= TARGETS.throughputRatio,
    hr10Pass: hr10LastRatio >= TARGETS.hr10Ratio,
  };
}

function summarizeSide(runs: readonly RunResult[]): SideSummary {
  const keys = Object.keys(runs[0]?.quality ?? {}) as (keyof Quality)[];
  const quality = {} as Record<keyof Quality, Spread>;
  const qualityMean = {} as Record<keyof Quality, number>;
  for (const key of keys) {
    const values = runs.map((r) => r.quality[key]);
    quality[key] = spread(values);
    qualityMean[key] = values.reduce((a, b) => a + b, 0) / values.length;
  }
  return {
    itemsPerSecond: spread(runs.map((r) => r.itemsPerSecond)),
    trainSeconds: spread(runs.map((r) => r.trainSeconds)),
    busyCpus: spread(runs.map((r) => r.trainCpuSeconds / r.trainSeconds)),
    quality,
    qualityMean,
  };
}
