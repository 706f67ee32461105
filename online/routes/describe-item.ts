import type { ServingSnapshot } from "../lookup/types.ts";

/** The title, year and genres of an item from the in-process snapshot (placeholders for an unknown id). */
export function describeItem(snapshot: ServingSnapshot | null, itemId: string) {
  const item = snapshot?.items.get(itemId);
  return { itemId, title: item?.title ?? "", year: item?.year ?? null, genres: [...(item?.genres ?? [])] };
}
