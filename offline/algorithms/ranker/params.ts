/** Hyper-parameters of the Wide&Deep ranker. */
export interface RankerParams {
  /** Sizes of the deep part's ReLU layers, e.g. [32, 16]; [] trains the wide part (logistic regression) alone. */
  hidden: number[];
  /** Most passes over the training rows; early stopping may end sooner. */
  epochs: number;
  batchSize: number;
  /** Adam's step size. */
  learningRate: number;
  /** L2 penalty on every weight (not on biases), added to the mean batch loss as l2 / 2 · ‖w‖². */
  l2: number;
  seed: number;
  /** Share of the rows (of the groups, when given) held out for early stopping; 0 trains every epoch on all. */
  validationShare: number;
  /** Training stops after this many epochs without a lower validation loss; the best epoch's weights are kept. */
  patience: number;
}

export const DEFAULT_RANKER_PARAMS: RankerParams = {
  hidden: [32, 16],
  epochs: 20,
  batchSize: 256,
  learningRate: 0.003,
  l2: 1e-5,
  seed: 1,
  validationShare: 0.1,
  patience: 3,
};

/** Throws an Error naming the first invalid parameter. */
export function validateRankerParams(params: RankerParams): void {
  if (!Array.isArray(params.hidden)) fail("hidden", "must be an array of positive integers", params.hidden);
  params.hidden.forEach((size, i) => {
    requirePositiveInteger(`hidden[${i}]`, size);
  });
  for (const name of ["epochs", "batchSize", "patience"] as const) requirePositiveInteger(name, params[name]);
  if (!Number.isSafeInteger(params.seed)) fail("seed", "must be a safe integer", params.seed);
  if (!Number.isFinite(params.learningRate) || params.learningRate <= 0) {
    fail("learningRate", "must be a finite number > 0", params.learningRate);
  }
  if (!Number.isFinite(params.l2) || params.l2 < 0) fail("l2", "must be a finite number >= 0", params.l2);
  const share = params.validationShare;
  if (!Number.isFinite(share) || share < 0 || share >= 1) {
    fail("validationShare", "must be a number in [0, 1)", share);
  }
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) fail(name, "must be a positive integer", value);
}

function fail(name: string, rule: string, value: unknown): never {
  throw new Error(`Ranker: ${name} ${rule}, got ${String(value)}`);
}
