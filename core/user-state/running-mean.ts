import { bytesToFloat32, float32ToBytes } from "../vector-bytes.ts";

/**
 * The running sums behind a user embedding, so a new liked item updates it exactly instead of nudging a vector:
 * `sum` = Σ weight·item vector, `weight` = Σ weight, and `latest` = the newest item time seen (the reference
 * point of recency weights; -Infinity for plain means).
 */
export interface RunningMean {
  readonly sum: Float64Array;
  weight: number;
  latest: number;
}

export function emptyRunningMean(dimension: number): RunningMean {
  return { sum: new Float64Array(dimension), weight: 0, latest: Number.NEGATIVE_INFINITY };
}

/** Adds one item with weight 1 (the offline mean of liked items; repeats count again). */
export function addToMean(mean: RunningMean, vector: Float32Array): void {
  for (let d = 0; d < mean.sum.length; d++) mean.sum[d] = (mean.sum[d] as number) + (vector[d] as number);
  mean.weight += 1;
}

/**
 * Adds one item weighted 0.5^((latest - t) / halfLife), where latest is the newest time seen so far, rescaling
 * what is already summed when this item is the newest: the offline recency-weighted mean, kept incrementally.
 */
export function addToRecencyMean(
  mean: RunningMean,
  vector: Float32Array,
  t: number,
  halfLifeMs: number,
): void {
  let weight = 1;
  if (t > mean.latest) {
    const shrink = mean.weight === 0 ? 0 : 0.5 ** ((t - mean.latest) / halfLifeMs);
    for (let d = 0; d < mean.sum.length; d++) mean.sum[d] = (mean.sum[d] as number) * shrink;
    mean.weight *= shrink;
    mean.latest = t;
  } else {
    weight = 0.5 ** ((mean.latest - t) / halfLifeMs);
  }
  for (let d = 0; d < mean.sum.length; d++)
    mean.sum[d] = (mean.sum[d] as number) + weight * (vector[d] as number);
  mean.weight += weight;
}

/** The user vector (Float32, as the offline tier publishes it), or null before any known item. */
export function meanVector(mean: RunningMean): Float32Array | null {
  if (mean.weight === 0) return null;
  return Float32Array.from(mean.sum, (value) => value / mean.weight);
}

/** Float64 sums, then weight and latest, as little-endian bytes carried in a Float32 vector's bytes. */
export function encodeRunningMean(mean: RunningMean): Float32Array {
  const packed = new Float64Array(mean.sum.length + 2);
  packed.set(mean.sum);
  packed[mean.sum.length] = mean.weight;
  packed[mean.sum.length + 1] = mean.latest;
  return bytesToFloat32(new Uint8Array(packed.buffer));
}

/** The sums of `dimension` entries, or null when the value has another size (a corrupt value is a miss). */
export function decodeRunningMean(value: Float32Array, dimension: number): RunningMean | null {
  const bytes = float32ToBytes(value);
  if (bytes.byteLength !== (dimension + 2) * 8) return null;
  const packed = new Float64Array(bytes.buffer, bytes.byteOffset, dimension + 2);
  return {
    sum: packed.slice(0, dimension),
    weight: packed[dimension] as number,
    latest: packed[dimension + 1] as number,
  };
}
