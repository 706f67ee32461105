import { NotFoundError, UnavailableError } from "../core/errors.ts";
import type { BulkStore, ControlStore, FeatureCache, ItemRecord } from "../core/ports/index.ts";
import { ARTIFACT_KINDS, cacheKeys, VERSION_KINDS } from "../schemas/index.ts";

export interface ItemView {
  itemId: string;
  title: string;
  year: number | null;
  genres: readonly string[];
  ratingCount: number;
  averageRating: number | null;
  bayesianAverage: number | null;
}

export interface CatalogReaderDeps {
  readonly cache: FeatureCache;
  readonly bulk: BulkStore;
  readonly control: ControlStore;
}

const decoder = new TextDecoder();
const keys = cacheKeys();

/** Reads published item statistics and top lists: FeatureCache first, BulkStore when the cache misses. */
export function createCatalogReader(deps: CatalogReaderDeps) {
  async function activeVersion(): Promise<string> {
    const version = await deps.control.activeVersion(VERSION_KINDS.popularity);
    if (version === null) {
      throw new UnavailableError(
        "no popularity version is published yet: run `recsys demo` or the offline job",
      );
    }
    return version;
  }

  async function statsOf(version: string, itemId: string): Promise<Record<string, string | number>> {
    const cached = await deps.cache.hgetall(keys.itemStats(version, itemId));
    if (Object.keys(cached).length > 0) return cached;
    const stored = await deps.bulk.getArtifact(ARTIFACT_KINDS.itemStats, version, itemId);
    return stored === null ? {} : (JSON.parse(decoder.decode(stored)) as Record<string, number>);
  }

  async function view(version: string, item: ItemRecord): Promise<ItemView> {
    const stats = await statsOf(version, item.itemId);
    const num = (name: string) => (stats[name] === undefined ? null : Number(stats[name]));
    const { itemId, title, year, genres } = item;
    return {
      itemId,
      title,
      year,
      genres,
      ratingCount: num("ratingCount") ?? 0,
      averageRating: num("averageRating"),
      bayesianAverage: num("bayesianAverage"),
    };
  }

  async function topIds(version: string, genre: string, k: number): Promise<string[]> {
    const cached = await deps.cache.zrevrange(keys.topItems(version, genre), 0, k - 1);
    if (cached.length > 0) return cached.map((m) => m.member);
    const stored = await deps.bulk.getArtifact(ARTIFACT_KINDS.genreTop, version, genre);
    if (stored !== null) return (JSON.parse(decoder.decode(stored)) as string[]).slice(0, k);
    const known = (await deps.control.listGenres()).some((g) => g.name === genre);
    if (!known) throw new NotFoundError(`no genre named "${genre}"; GET /api/v1/genres lists them`, "genre");
    return [];
  }

  return {
    activeVersion,
    /** One item with its statistics; NotFoundError when the catalogue has no such item. */
    async item(itemId: string): Promise<{ version: string; item: ItemView }> {
      const version = await activeVersion();
      const [record] = await deps.control.getItems([itemId]);
      if (!record) throw new NotFoundError(`no item with id "${itemId}"`, "id");
      return { version, item: await view(version, record) };
    },
    /** The best `k` items of a genre by Bayesian average. */
    async topOfGenre(genre: string, k: number): Promise<{ version: string; items: ItemView[] }> {
      const version = await activeVersion();
      const ids = await topIds(version, genre, k);
      const records = await deps.control.getItems(ids);
      const present = records.filter((r): r is ItemRecord => r !== null);
      return { version, items: await Promise.all(present.map((r) => view(version, r))) };
    },
    async genres(): Promise<string[]> {
      return (await deps.control.listGenres()).map((g) => g.name);
    },
  };
}

export type CatalogReader = ReturnType<typeof createCatalogReader>;
