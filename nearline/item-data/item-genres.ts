import { listedGenres } from "../../core/features/index.ts";
import type { ControlStore } from "../../core/ports/index.ts";

const CHUNK = 1000;

/** Every catalogue item's listed genres (the offline features use the same catalogue and `listedGenres`). */
export async function loadItemGenres(control: ControlStore): Promise<Map<string, readonly string[]>> {
  const ids = await control.listItemIds();
  const genres = new Map<string, readonly string[]>();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const items = await control.getItems(ids.slice(start, start + CHUNK));
    for (const item of items) if (item) genres.set(item.itemId, listedGenres(item.genres));
  }
  return genres;
}
