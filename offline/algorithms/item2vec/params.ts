/** Hyper-parameters of skip-gram with negative sampling, named after word2vec's options. */
export interface Item2VecParams {
  /** Vector size, e.g. 64. */
  dimension: number;
  /** Maximum window; the effective window per centre token is drawn uniformly in 1..window. */
  window: number;
  /** Negative samples per positive pair. */
  negatives: number;
  epochs: number;
  /** Items seen fewer times are dropped from the corpus before training. */
  minCount: number;
  /** word2vec's "sample" threshold; 0 disables sub-sampling. */
  subsample: number;
  /** Starting alpha, e.g. 0.025. */
  learningRate: number;
  /** Alpha decays linearly to this over all epochs' tokens, e.g. 0.0001. */
  minLearningRate: number;
  seed: number;
  /** 1 trains in-process and is deterministic for a seed; more uses worker threads with Hogwild updates. */
  threads: number;
}

export const DEFAULT_ITEM2VEC_PARAMS: Item2VecParams = {
  dimension: 64,
  window: 5,
  negatives: 5,
  epochs: 10,
  minCount: 1,
  subsample: 0,
  learningRate: 0.025,
  minLearningRate: 0.0001,
  seed: 1,
  threads: 1,
};

/** Throws an Error naming the first invalid parameter. */
export function validateItem2VecParams(params: Item2VecParams): void {
  for (const name of ["dimension", "window", "negatives", "epochs", "minCount", "threads"] as const) {
    requirePositiveInteger(name, params[name]);
  }
  if (!Number.isSafeInteger(params.seed)) fail("seed", "must be a safe integer", params.seed);
  if (!Number.isFinite(params.subsample) || params.subsample < 0) {
    fail("subsample", "must be a finite number >= 0", params.subsample);
  }
  if (!Number.isFinite(params.learningRate) || params.learningRate <= 0) {
    fail("learningRate", "must be a finite number > 0", params.learningRate);
  }
  const min = params.minLearningRate;
  if (!Number.isFinite(min) || min < 0 || min > params.learningRate) {
    fail("minLearningRate", "must be a finite number in [0, learningRate]", min);
  }
}

/** Throws unless `value` is an integer >= 1; `name` appears in the message. */
export function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) fail(name, "must be a positive integer", value);
}

function fail(name: string, rule: string, value: unknown): never {
  throw new Error(`Item2Vec: ${name} ${rule}, got ${String(value)}`);
}
