import { nextState, seedState, toUnit } from "./random.ts";

/** The sigmoid is read from a table over [-MAX_EXP, MAX_EXP], as in word2vec. */
export const MAX_EXP = 6;
export const EXP_TABLE_SIZE = 1000;

/** Which buffer a table lives in: shared when worker threads train on it. */
export type Alloc = (bytes: number) => ArrayBuffer | SharedArrayBuffer;

export const localAlloc: Alloc = (bytes) => new ArrayBuffer(bytes);
export const sharedAlloc: Alloc = (bytes) => new SharedArrayBuffer(bytes);

/** sigmoid((i / EXP_TABLE_SIZE * 2 - 1) * MAX_EXP); one extra slot because f == MAX_EXP indexes it. */
export function buildExpTable(): Float32Array {
  const table = new Float32Array(EXP_TABLE_SIZE + 1);
  for (let i = 0; i <= EXP_TABLE_SIZE; i++) {
    const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
    table[i] = e / (e + 1);
  }
  return table;
}

/** Negative-sampling distribution counts^0.75 as Vose alias tables: exact, and small enough to stay in cache. */
export interface AliasTable {
  /** Probability of keeping bucket i rather than taking its alias. */
  readonly keep: Float64Array;
  readonly alias: Int32Array;
}

/** Alias tables for drawing item i with probability proportional to counts[i]^0.75. */
export function buildAliasTable(counts: Int32Array, alloc: Alloc): AliasTable {
  const n = counts.length;
  const keep = new Float64Array(alloc(n * 8));
  const alias = new Int32Array(alloc(n * 4));
  const scaled = Float64Array.from(counts, (c) => c ** 0.75);
  const total = scaled.reduce((sum, w) => sum + w, 0);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = ((scaled[i] as number) * n) / total;
    ((scaled[i] as number) < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    keep[s] = scaled[s] as number;
    alias[s] = l;
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
    ((scaled[l] as number) < 1 ? small : large).push(l);
  }
  // Whatever is left holds probability 1 up to rounding error.
  for (const i of [...small, ...large]) {
    keep[i] = 1;
    alias[i] = i;
  }
  return { keep, alias };
}

/**
 * word2vec's keep probability, (sqrt(c / t) + 1) * t / c with t = sample * total tokens; null when
 * sub-sampling is off so the kernel skips it and draws no random numbers for it.
 */
export function buildKeepProbabilities(
  counts: Int32Array,
  sample: number,
  alloc: Alloc,
): Float64Array | null {
  if (sample <= 0) return null;
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] as number;
  const threshold = sample * total;
  const keep = new Float64Array(alloc(counts.length * 8));
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    keep[i] = Math.min(1, (Math.sqrt(c / threshold) + 1) * (threshold / c));
  }
  return keep;
}

/** Fills rows of `dim` values every `stride` floats uniformly in [-0.5/dim, 0.5/dim), as word2vec does for syn0. */
export function fillInitialVectors(
  target: Float32Array,
  rows: number,
  dim: number,
  stride: number,
  seed: number,
): void {
  let state = seedState(seed, 0);
  for (let row = 0; row < rows; row++) {
    for (let d = 0; d < dim; d++) {
      state = nextState(state);
      target[row * stride + d] = (toUnit(state) - 0.5) / dim;
    }
  }
}
