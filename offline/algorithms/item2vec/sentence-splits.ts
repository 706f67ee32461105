/**
 * Cuts sentences 0..starts.length into `parts` consecutive ranges holding about the same number of tokens.
 * Returns parts + 1 sentence indices; range p is [splits[p], splits[p + 1]), possibly empty.
 */
export function sentenceSplits(starts: Int32Array, tokenCount: number, parts: number): Int32Array {
  const splits = new Int32Array(parts + 1);
  for (let p = 1; p < parts; p++) splits[p] = firstStartAtOrAfter(starts, (tokenCount * p) / parts);
  splits[parts] = starts.length;
  return splits;
}

function firstStartAtOrAfter(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
