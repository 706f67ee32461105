/** Trained implicit-ALS factors: the predicted preference of user u for item i is the dot product of their rows. */
export interface AlsModel {
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly dimension: number;
  /** Row-major userIds.length x dimension. */
  readonly userFactors: Float32Array;
  /** Row-major itemIds.length x dimension. */
  readonly itemFactors: Float32Array;
}
