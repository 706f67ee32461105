import { createRandom } from "./random.ts";
import type { RankerTrainingData } from "./train-options.ts";

export interface PlantedRankingOptions {
  rows: number;
  features: number;
  /** Seeds the rows; `ruleSeed` seeds the rule, so data sets that differ only in `seed` share their rule. */
  seed: number;
  ruleSeed?: number;
  /** Weight of a linear rule over the first `linearFeatures` features (unit-norm random direction). */
  linear: number;
  linearFeatures: number;
  /** Weight of an XOR-like term: +interaction when features 0 and 1 share a sign, -interaction otherwise. */
  interaction: number;
  /** Rows are dealt to this many groups in turn (default: no groups). */
  groups?: number;
}

/**
 * Synthetic rows with a known rule, for tests and benchmarks: latent features are standard normal, the label is
 * Bernoulli(sigmoid(rule)), and each stored column is the latent value under its own offset and scale, so a model
 * that skips standardisation trains badly. Also returns the rule's logit per row (the best possible score).
 */
export function plantedRankingData(
  options: PlantedRankingOptions,
): RankerTrainingData & { truth: Float64Array } {
  const { rows, features: width, linear, linearFeatures, interaction } = options;
  const rule = createRandom(options.ruleSeed ?? 0, 0);
  const direction = Float64Array.from({ length: linearFeatures }, () => rule.normal());
  const norm = Math.hypot(...direction);
  const offsets = Float64Array.from({ length: width }, () => (rule.next() - 0.5) * 100);
  const scales = Float64Array.from({ length: width }, () => 10 ** (rule.next() * 4 - 2));
  const random = createRandom(options.seed, 1);
  const features = new Float32Array(rows * width);
  const labels = new Uint8Array(rows);
  const truth = new Float64Array(rows);
  const latent = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < width; j++) {
      latent[j] = random.normal();
      features[r * width + j] = (offsets[j] as number) + (scales[j] as number) * (latent[j] as number);
    }
    let logit = 0;
    for (let j = 0; j < linearFeatures; j++)
      logit += ((direction[j] as number) / norm) * (latent[j] as number);
    logit = linear * logit + interaction * Math.sign((latent[0] as number) * (latent[1] as number));
    truth[r] = logit;
    labels[r] = random.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const featureNames = Array.from({ length: width }, (_, j) => `f${j}`);
  const groups =
    options.groups === undefined
      ? {}
      : { groups: Int32Array.from({ length: rows }, (_, r) => r % (options.groups as number)) };
  return { features, labels, rows, featureNames, truth, ...groups };
}
