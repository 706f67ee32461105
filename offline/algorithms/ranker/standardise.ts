/** Per-feature mean and standard deviation fitted on the training rows. */
export interface Standardisation {
  mean: Float64Array;
  std: Float64Array;
}

/** Below this a feature counts as constant and is stored with std 1, so it standardises to 0 without dividing by ~0. */
const MIN_STD = 1e-9;

/** Fits mean and population std per column over `rows` (values must be finite). */
export function fitStandardisation(features: Float32Array, width: number, rows: Int32Array): Standardisation {
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  for (const row of rows) {
    for (let j = 0; j < width; j++) {
      mean[j] = (mean[j] as number) + (features[row * width + j] as number);
    }
  }
  for (let j = 0; j < width; j++) mean[j] = (mean[j] as number) / rows.length;
  // A second pass rather than sum of squares, which cancels badly for large offsets such as years.
  for (const row of rows) {
    for (let j = 0; j < width; j++) {
      const deviation = (features[row * width + j] as number) - (mean[j] as number);
      std[j] = (std[j] as number) + deviation * deviation;
    }
  }
  for (let j = 0; j < width; j++) {
    const value = Math.sqrt((std[j] as number) / rows.length);
    std[j] = value < MIN_STD ? 1 : value;
  }
  return { mean, std };
}
