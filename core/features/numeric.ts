/** A fitted value range; `min <= max`. */
export interface MinMaxRange {
  readonly min: number;
  readonly max: number;
}

/**
 * `value` mapped linearly from the fitted range onto [0, 1]. Values outside the range clamp to 0 or 1,
 * because online data may exceed what the offline fit saw; a degenerate range (max == min) and NaN give 0.
 */
export function minMaxScale(value: number, range: MinMaxRange): number {
  const span = range.max - range.min;
  if (!(span > 0) || Number.isNaN(value)) return 0;
  const scaled = (value - range.min) / span;
  return Math.min(1, Math.max(0, scaled));
}

/**
 * The bucket of `value` given ascending `boundaries`: the number of boundaries <= value, so bucket i holds
 * boundaries[i-1] <= value < boundaries[i], bucket 0 everything below the first boundary and bucket
 * `boundaries.length` everything at or above the last. NaN falls in bucket 0.
 */
export function bucketIndex(value: number, boundaries: readonly number[]): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((boundaries[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
