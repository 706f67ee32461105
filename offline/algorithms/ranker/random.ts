/** A seeded source of random numbers; every draw depends only on the seed, the stream and the draw count. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** Uniform integer in [0, n). */
  below(n: number): number;
}

/** A counter-based generator: each draw hashes (seed, stream, counter) with a murmur3-style finaliser. */
export function createRandom(seed: number, stream: number): Random {
  const key = mix((seed | 0) ^ Math.imul(Math.floor(seed / 4294967296) | 0, 0x27d4eb2d) ^ mix(stream + 1));
  let counter = 0;
  const next = (): number => {
    counter = (counter + 1) | 0;
    return (mix(key ^ Math.imul(counter, 0x9e3779b9)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal: () => {
      // Box–Muller with 1 - u so the logarithm never sees 0.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      return radius * Math.cos(2 * Math.PI * next());
    },
    below: (n: number) => Math.floor(next() * n),
  };
}

function mix(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Shuffles `values` in place (Fisher–Yates). */
export function shuffle(values: Int32Array, random: Random): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const kept = values[i] as number;
    values[i] = values[j] as number;
    values[j] = kept;
  }
}
