/** Seeded uniform numbers for factor initialisation (a 32-bit SplitMix-style mixer over a counter). */

/** Fills `out` with uniform values in [0, scale), a stream of `seed` selected by `stream`. */
export function fillUniform(out: Float32Array, seed: number, stream: number, scale: number): void {
  let counter = mix((seed | 0) ^ mix(Math.floor(seed / 4294967296) ^ Math.imul(stream + 1, 0x27d4eb2f)));
  for (let i = 0; i < out.length; i++) {
    counter = (counter + 0x9e3779b9) | 0;
    out[i] = (mix(counter) >>> 0) * (scale / 4294967296);
  }
}

function mix(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}
