import type { ServingSnapshot } from "../lookup/types.ts";
import type { RankedItem } from "./types.ts";

/** The last resort: the in-process most-rated list, minus what must not be shown. Needs no I/O. */
export function popularFallback(
  snapshot: ServingSnapshot,
  k: number,
  skip: ReadonlySet<string>,
  already: readonly RankedItem[] = [],
): RankedItem[] {
  const out = [...already];
  const taken = new Set(already.map((item) => item.itemId));
  for (const { itemId, count } of snapshot.popular) {
    if (out.length >= k) break;
    if (taken.has(itemId) || skip.has(itemId) || snapshot.items.get(itemId)?.eligible !== true) continue;
    taken.add(itemId);
    out.push({ itemId, score: count, channels: ["popular"] });
  }
  return out;
}
