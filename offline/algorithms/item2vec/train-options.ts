/** Progress after each completed epoch (in parallel: when every worker has completed it). */
export interface TrainProgress {
  epoch: number;
  epochs: number;
  tokensDone: number;
  tokensTotal: number;
}

export interface TrainOptions {
  onProgress?: (progress: TrainProgress) => void;
  /** Aborting rejects the training promise with the signal's reason and stops any workers. */
  signal?: AbortSignal;
}
