/**
 * Dot product of `query` with the `query.length` values of `matrix` from `base`, with four accumulators
 * (the tail joins the first) summed as a + b + c + e. Offline's cosine scorer and the online tier both use this
 * one loop: the summation order decides the last bits, and the tiers' scores must match to the bit.
 */
export function fourWayDot(query: Float32Array | Float64Array, matrix: Float32Array, base: number): number {
  const dimension = query.length;
  let a = 0;
  let b = 0;
  let c = 0;
  let e = 0;
  let d = 0;
  for (; d + 3 < dimension; d += 4) {
    a += (query[d] as number) * (matrix[base + d] as number);
    b += (query[d + 1] as number) * (matrix[base + d + 1] as number);
    c += (query[d + 2] as number) * (matrix[base + d + 2] as number);
    e += (query[d + 3] as number) * (matrix[base + d + 3] as number);
  }
  for (; d < dimension; d++) a += (query[d] as number) * (matrix[base + d] as number);
  return a + b + c + e;
}
