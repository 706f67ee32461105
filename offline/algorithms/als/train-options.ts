/** Progress after each full iteration (users then items solved). */
export interface AlsProgress {
  iteration: number;
  iterations: number;
}

export interface AlsTrainOptions {
  onProgress?(progress: AlsProgress): void;
  /** Aborting rejects the training promise with the signal's reason and stops any workers. */
  signal?: AbortSignal;
}
