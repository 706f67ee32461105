import { NotFoundError } from "../core/errors.ts";
import type { ItemRecord } from "../core/ports/index.ts";
import { activePopularityVersion, itemStats, type LookupDeps, topItemIds } from "./published-lookups.ts";

export interface ItemView {
  itemId: string;
  title: string;
  year: number | null;
  genres: readonly string[];
  ratingCount: number;
  averageRating: number | null;
  bayesianAverage: number | null;
}

async function view(deps: LookupDeps, version: string, item: ItemRecord): Promise<ItemView> {
  const stats = await itemStats(deps, version, item.itemId);
  const num = (name: string) => (stats[name] === undefined ? null : Number(stats[name]));
  return {
    itemId: item.itemId,
    title: item.title,
    year: item.year,
    genres: item.genres,
    ratingCount: num("ratingCount") ?? 0,
    averageRating: num("averageRating"),
    bayesianAverage: num("bayesianAverage"),
  };
}

/** Reads published items and top lists for the routes, always within one popularity version. */
export function createCatalogReader(deps: LookupDeps) {
  const viewsOf = async (version: string, itemIds: readonly string[]) => {
    const records = await deps.control.getItems(itemIds);
    const present = records.filter((r): r is ItemRecord => r !== null);
    return { version, items: await Promise.all(present.map((r) => view(deps, version, r))) };
  };
  return {
    activeVersion: () => activePopularityVersion(deps),
    /** One item with its statistics; NotFoundError when the catalogue has no such item. */
    async item(itemId: string): Promise<{ version: string; item: ItemView }> {
      const version = await activePopularityVersion(deps);
      const [record] = await deps.control.getItems([itemId]);
      if (!record) throw new NotFoundError(`no item with id "${itemId}"`, "id");
      return { version, item: await view(deps, version, record) };
    },
    /** The best `k` items of a genre by Bayesian average. */
    async topOfGenre(genre: string, k: number): Promise<{ version: string; items: ItemView[] }> {
      const version = await activePopularityVersion(deps);
      return viewsOf(version, await topItemIds(deps, version, genre, k));
    },
    /** These items with their statistics, in the given order; unknown ids are left out. */
    async itemsById(itemIds: readonly string[]): Promise<{ version: string; items: ItemView[] }> {
      return viewsOf(await activePopularityVersion(deps), itemIds);
    },
    async genres(): Promise<string[]> {
      return (await deps.control.listGenres()).map((g) => g.name);
    },
  };
}

export type CatalogReader = ReturnType<typeof createCatalogReader>;
