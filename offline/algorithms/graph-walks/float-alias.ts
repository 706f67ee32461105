import type { Uniform } from "./uniform.ts";

/**
 * Walker/Vose alias tables over float weights, packed side by side in shared arrays: the table for slot range
 * [at, at + size) lets `drawAlias` pick local index i with probability weight_i / sum in O(1).
 */
export interface PackedAlias {
  /** Probability of keeping bucket i rather than taking its alias. */
  readonly keep: Float32Array | Float64Array;
  /** Local index (0..size-1) each bucket falls back to. */
  readonly alias: Int32Array;
}

/** Scratch space for building tables of up to `capacity` entries without allocating per table. */
export interface AliasScratch {
  readonly scaled: Float64Array;
  readonly small: Int32Array;
  readonly large: Int32Array;
}

export function aliasScratch(capacity: number): AliasScratch {
  return {
    scaled: new Float64Array(capacity),
    small: new Int32Array(capacity),
    large: new Int32Array(capacity),
  };
}

/** Writes the alias table of `weights[0..size)` (all > 0) into `table` at slot `at`. */
export function writeAlias(
  weights: ArrayLike<number>,
  size: number,
  table: PackedAlias,
  at: number,
  scratch: AliasScratch,
): void {
  const { scaled, small, large } = scratch;
  let total = 0;
  for (let i = 0; i < size; i++) total += weights[i] as number;
  let smalls = 0;
  let larges = 0;
  for (let i = 0; i < size; i++) {
    const s = ((weights[i] as number) * size) / total;
    scaled[i] = s;
    if (s < 1) small[smalls++] = i;
    else large[larges++] = i;
  }
  while (smalls > 0 && larges > 0) {
    const s = small[--smalls] as number;
    const l = large[--larges] as number;
    table.keep[at + s] = scaled[s] as number;
    table.alias[at + s] = l;
    const rest = (scaled[l] as number) + (scaled[s] as number) - 1;
    scaled[l] = rest;
    if (rest < 1) small[smalls++] = l;
    else large[larges++] = l;
  }
  // Whatever is left holds probability 1 up to rounding error.
  while (smalls > 0) keepAll(table, at, small[--smalls] as number);
  while (larges > 0) keepAll(table, at, large[--larges] as number);
}

function keepAll(table: PackedAlias, at: number, i: number): void {
  table.keep[at + i] = 1;
  table.alias[at + i] = i;
}

/** Draws a local index from the table of `size` slots at `at`, with two uniforms for full precision. */
export function drawAlias(table: PackedAlias, at: number, size: number, uniform: Uniform): number {
  const bucket = Math.floor(uniform() * size);
  return uniform() < (table.keep[at + bucket] as number) ? bucket : (table.alias[at + bucket] as number);
}
