/** Version of the `RankerModel` layout; bump it when a field changes meaning. */
export const RANKER_MODEL_FORMAT = 1;

/**
 * One fully connected layer of the deep part. `weights` is row-major by output: the weight from input `i` to
 * output `o` is `weights[o * inputs + i]`. Every layer but the last applies ReLU; the last has one output,
 * the deep part's logit, and is linear.
 */
export interface RankerLayer {
  inputs: number;
  outputs: number;
  weights: number[];
  biases: number[];
}

/**
 * A Wide&Deep-style ranking model, stored as JSON with its version. Features are standardised first,
 * `(x - mean) / std` per feature in `featureNames` order; the logit is the wide part (a logistic regression
 * over the standardised features) plus the deep part's output (no deep layers: logistic regression alone).
 * The score is `sigmoid(logit)`, the estimated probability that the user likes the candidate.
 */
export interface RankerModel {
  formatVersion: typeof RANKER_MODEL_FORMAT;
  /** Column names of the feature matrix, in order; unique. */
  featureNames: string[];
  /** Per feature; every `std` is > 0 (constant features are stored with std 1). */
  normalisation: { mean: number[]; std: number[] };
  wide: { weights: number[]; bias: number };
  /** Empty, or a chain from `featureNames.length` inputs down to one output. */
  deep: { layers: RankerLayer[] };
}
