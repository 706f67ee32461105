/**
 * Seeded 32-bit generator: a Weyl sequence through a murmur3-style finaliser (splitmix32 shape).
 * Small and fast enough to call several times per generated row; not for cryptography.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number, stream = 0) {
    // Fold a 53-bit seed and a stream number into 32 bits, then scramble so near seeds diverge.
    const low = seed >>> 0;
    const high = Math.floor(seed / 0x100000000) >>> 0;
    this.state = mix32(low ^ mix32(high + 0x632be5ab) ^ mix32(stream + 0x85157af5));
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix32(this.state);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x100000000;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Approximately standard normal (sum of three uniforms, rescaled): cheap and bounded at ±3. */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }
}

function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
