import type { MinMaxRange } from "../../core/features/index.ts";

/** The smallest and largest finite value; `{ min: 0, max: 0 }` (a degenerate range) when there is none. */
export function fitMinMax(values: ArrayLike<number>): MinMaxRange {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/**
 * Boundaries splitting the finite values (NaN and infinities ignored) into `buckets` groups of about equal
 * size, for `bucketIndex`. Boundary k (k = 1..buckets-1) is the sorted value at index floor(k * n / buckets),
 * so it is always a value seen in the data. Ties collapse buckets: duplicate boundaries are dropped, and so is
 * a boundary equal to the minimum, which would leave bucket 0 empty; every bucket then holds at least one fitted
 * value, and there may be fewer than `buckets` of them. Empty input gives [].
 */
export function fitQuantileBuckets(values: ArrayLike<number>, buckets: number): number[] {
  if (!Number.isInteger(buckets) || buckets < 1) {
    throw new RangeError(`buckets must be an integer >= 1, got ${buckets}`);
  }
  const sorted = Float64Array.from(finiteValues(values)).sort();
  const n = sorted.length;
  const boundaries: number[] = [];
  if (n === 0) return boundaries;
  let previous = sorted[0] as number;
  for (let k = 1; k < buckets; k++) {
    const boundary = sorted[Math.floor((k * n) / buckets)] as number;
    if (boundary <= previous) continue;
    boundaries.push(boundary);
    previous = boundary;
  }
  return boundaries;
}

function finiteValues(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (Number.isFinite(value)) out.push(value);
  }
  return out;
}
