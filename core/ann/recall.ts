import type { AnnHit } from "../ports/ann-index.ts";

/** Share of the true top `k` (from exact search) that `found` returned in its first `k`; 1 when truth is empty. */
export function recallAtK(truth: readonly AnnHit[], found: readonly AnnHit[], k: number): number {
  const wanted = new Set(truth.slice(0, k).map((hit) => hit.id));
  if (wanted.size === 0) return 1;
  let hits = 0;
  for (const hit of found.slice(0, k)) if (wanted.has(hit.id)) hits++;
  return hits / wanted.size;
}
