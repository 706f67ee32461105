/** Rows to learn from: a row-major feature matrix and a 0/1 label per row. */
export interface RankerTrainingData {
  /** `rows × featureNames.length` raw values, row-major; every value finite. */
  features: Float32Array;
  /** 1 for a positive (a rating >= 3.5, a click), 0 for a negative (a sampled item, an impression). */
  labels: Uint8Array;
  rows: number;
  featureNames: string[];
  /** Query or user id per row; when given the validation slice holds out whole groups. */
  groups?: Int32Array;
}

/** Figures after one epoch; the validation figures are NaN when `validationShare` is 0. */
export interface RankerEpoch {
  epoch: number;
  epochs: number;
  /** Mean log loss of the training rows, each taken as the epoch passed over it. */
  trainLoss: number;
  validLoss: number;
  validAuc: number;
}

export interface RankerHistory {
  epochs: RankerEpoch[];
  /** The epoch whose weights the model holds: lowest validation loss, or the last without validation. */
  bestEpoch: number;
  stoppedEarly: boolean;
  trainRows: number;
  validRows: number;
}

export interface RankerTrainOptions {
  onProgress?: (progress: RankerEpoch) => void;
  /** Aborting rejects the training promise with the signal's reason. */
  signal?: AbortSignal;
}
