import { compareItemIds } from "../../core/rating-order.ts";

/**
 * Indices of the `k` best scores, best first; equal scores by item id, which is offline's catalogue order, so
 * ties (e.g. probabilities saturated at 1 in float32) fall the same way in both tiers. NaN never ranks.
 */
export function topIndices(itemIds: readonly string[], scores: ArrayLike<number>, k: number): number[] {
  const order: number[] = [];
  for (let i = 0; i < itemIds.length; i++) if (!Number.isNaN(scores[i] as number)) order.push(i);
  order.sort(
    (a, b) =>
      (scores[b] as number) - (scores[a] as number) ||
      compareItemIds(itemIds[a] as string, itemIds[b] as string),
  );
  return order.slice(0, Math.max(0, k));
}
