/**
 * Writes the catalogue indices of the `k` highest finite-or-+Infinity scores into `out` (best first) and returns
 * how many were found. Equal scores rank the lower index first. `-Infinity` and NaN are never selected.
 * One pass with a sorted window of size k: O(n + hits * k), no full sort.
 */
export function selectTopK(scores: Float32Array, k: number, out: Int32Array): number {
  if (k <= 0) return 0;
  let count = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (!(s > Number.NEGATIVE_INFINITY)) continue;
    // Indices arrive in increasing order, so a tie with the current worst never displaces it.
    if (count === k && !(s > (scores[out[k - 1] as number] as number))) continue;
    let pos = count < k ? count++ : k - 1;
    while (pos > 0 && s > (scores[out[pos - 1] as number] as number)) {
      out[pos] = out[pos - 1] as number;
      pos--;
    }
    out[pos] = i;
  }
  return count;
}

/**
 * 0-based rank of `target` among recommendable items (ties: lower index first), or -1 when `target` itself
 * cannot be recommended. Counting is exact and O(n), so any cut-off (10, 50) is a comparison of the rank.
 */
export function rankOf(scores: Float32Array, target: number): number {
  const t = scores[target];
  if (t === undefined || !(t > Number.NEGATIVE_INFINITY)) return -1;
  let rank = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (s > t || (s === t && i < target)) rank++;
  }
  return rank;
}
