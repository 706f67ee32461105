import type { ServingSnapshot } from "../lookup/types.ts";
import { byScoreThenId, catalogueOrder } from "./ordering.ts";
import type { RecallChannel, RecallHit } from "./types.ts";

export interface PopularityTable {
  readonly counts: ReadonlyMap<string, number>;
  /** Every catalogue item, most rated first, ties in catalogue order. */
  readonly order: readonly RecallHit[];
}

const tables = new WeakMap<ServingSnapshot, PopularityTable>();

/**
 * Rating counts of the whole catalogue, as the offline popularity channel scores it (training ratings per item):
 * the published item statistics' count, else the popular list's, else the item features' `ratingCount`, else 0
 * (an item nobody rated). The popular list alone would not do: it is cut at the top 100.
 * Ordered by count, ties by catalogue order (not the popular list's own tie order). Built once per snapshot.
 */
export function popularityTable(snapshot: ServingSnapshot): PopularityTable {
  let table = tables.get(snapshot);
  if (table === undefined) {
    const listed = new Map(snapshot.popular.map((p) => [p.itemId, p.count]));
    const counts = new Map<string, number>();
    for (const itemId of catalogueOrder(snapshot)) {
      const count =
        snapshot.itemStats.get(itemId)?.ratingCount ??
        listed.get(itemId) ??
        snapshot.itemFeatures.get(itemId)?.ratingCount ??
        0;
      counts.set(itemId, count);
    }
    const order = [...counts].map(([itemId, score]) => ({ itemId, score })).sort(byScoreThenId);
    table = { counts, order };
    tables.set(snapshot, table);
  }
  return table;
}

/** `popularity`: the most rated unseen items; score = rating count. */
export function popularityChannel(): RecallChannel {
  return {
    name: "popularity",
    recall({ snapshot, user }, quota) {
      const hits: RecallHit[] = [];
      for (const hit of popularityTable(snapshot).order) {
        if (hits.length >= quota) break;
        if (!user.seen.has(hit.itemId)) hits.push(hit);
      }
      return hits;
    },
    score({ snapshot }, itemIds) {
      const { counts } = popularityTable(snapshot);
      return Float32Array.from(itemIds, (itemId) => counts.get(itemId) ?? 0);
    },
  };
}
