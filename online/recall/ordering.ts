import { compareItemIds } from "../../core/rating-order.ts";
import type { ServingSnapshot } from "../lookup/types.ts";
import type { RecallHit } from "./types.ts";

/**
 * Best score first; equal scores by item id (numeric ids numerically). That is the offline catalogue order
 * (the catalogue is sorted by `compareItemIds`, and offline ties go to the lower position), so online and
 * offline break ties alike.
 */
export function byScoreThenId(a: RecallHit, b: RecallHit): number {
  return b.score - a.score || compareItemIds(a.itemId, b.itemId);
}

const catalogues = new WeakMap<ServingSnapshot, readonly string[]>();

/** The snapshot's item ids in offline catalogue order; sorted once per snapshot. */
export function catalogueOrder(snapshot: ServingSnapshot): readonly string[] {
  let order = catalogues.get(snapshot);
  if (order === undefined) {
    order = [...snapshot.items.keys()].sort(compareItemIds);
    catalogues.set(snapshot, order);
  }
  return order;
}

/** The `quota` best hits by `byScoreThenId`, dropping non-finite scores (offline never selects those). */
export function topHits(hits: RecallHit[], quota: number): RecallHit[] {
  return hits
    .filter((h) => h.score > Number.NEGATIVE_INFINITY)
    .sort(byScoreThenId)
    .slice(0, Math.max(0, quota));
}
