/** Knots of the tabulated inverse CDF; linear interpolation between them keeps every rank reachable. */
const KNOTS = 4096;

/**
 * Draws zero-based ranks in [0, n) with probability falling as a power law of exponent `s` (s != 1),
 * by interpolating a tabulated inverse of the continuous CDF: avoids a `pow` per draw.
 */
export class ZipfSampler {
  private readonly table = new Float64Array(KNOTS + 1);

  constructor(
    private readonly n: number,
    s: number,
  ) {
    const scale = (n + 1) ** (1 - s) - 1;
    const exponent = 1 / (1 - s);
    for (let k = 0; k <= KNOTS; k++) this.table[k] = (scale * (k / KNOTS) + 1) ** exponent;
  }

  /** Rank for a uniform `u` in [0, 1). */
  rank(u: number): number {
    const at = u * KNOTS;
    const k = at | 0;
    const low = this.table[k] as number;
    const x = low + (at - k) * ((this.table[k + 1] as number) - low);
    const rank = (x | 0) - 1;
    return rank < this.n ? rank : this.n - 1;
  }
}

/** One sampler per distinct size, shared by the clusters of that size. */
export function samplersBySize(sizes: ArrayLike<number>, s: number): ZipfSampler[] {
  const bySize = new Map<number, ZipfSampler>();
  return Array.from(sizes, (n) => {
    let sampler = bySize.get(n);
    if (sampler === undefined) {
      sampler = new ZipfSampler(n, s);
      bySize.set(n, sampler);
    }
    return sampler;
  });
}
