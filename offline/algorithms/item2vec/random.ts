/** Seeds and steps a 32-bit xorshift generator; the kernel inlines the same step for speed. */

/** A non-zero xorshift state for `stream` (0 for initialisation, 1.. for training threads) of `seed`. */
export function seedState(seed: number, stream: number): number {
  let h = Math.imul((seed | 0) ^ Math.imul(stream + 1, 0x9e3779b9), 0x85ebca6b);
  h ^= Math.floor(seed / 4294967296) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 0x6d2b79f5 : h;
}

/** One xorshift32 step (Marsaglia 13/17/5). */
export function nextState(x: number): number {
  let r = x ^ (x << 13);
  r ^= r >>> 17;
  return r ^ (r << 5);
}

/** Maps a state to [0, 1). */
export function toUnit(x: number): number {
  return (x >>> 0) / 4294967296;
}
