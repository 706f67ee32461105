import type { ItemFeatures } from "../../core/features/index.ts";
import { parseFeatureTransforms } from "../../core/features/index.ts";
import type { Logger } from "../../core/logger.ts";
import type { BulkStore, ControlStore } from "../../core/ports/index.ts";
import { compareItemIds } from "../../core/rating-order.ts";
import { ALL_GENRES, ARTIFACT_KINDS } from "../../schemas/index.ts";
import { jsonOf, readAllArtifacts } from "./read-artifacts.ts";
import type { ItemStats, ServedItem } from "./types.ts";

const ITEMS_PER_READ = 2000;

/** Every catalogue item of the ControlStore, eligible or not. */
export async function loadCatalogue(control: ControlStore): Promise<Map<string, ServedItem>> {
  const ids = await control.listItemIds();
  const items = new Map<string, ServedItem>();
  for (let start = 0; start < ids.length; start += ITEMS_PER_READ) {
    const records = await control.getItems(ids.slice(start, start + ITEMS_PER_READ));
    for (const record of records) {
      if (record === null) continue;
      const { itemId, title, year, genres, eligible } = record;
      items.set(itemId, { itemId, title, year, genres, eligible });
    }
  }
  return items;
}

/** Decodes each value with `parse`, leaving out (and counting in one warning) those it cannot read. */
function decodeEach<T>(
  values: ReadonlyMap<string, Uint8Array>,
  parse: (json: unknown, key: string) => T | null,
  what: string,
  logger: Logger,
): Map<string, T> {
  const out = new Map<string, T>();
  let unreadable = 0;
  for (const [key, bytes] of values) {
    let value: T | null = null;
    try {
      value = parse(jsonOf(bytes), key);
    } catch {
      value = null;
    }
    if (value === null) unreadable += 1;
    else out.set(key, value);
  }
  if (unreadable > 0) logger.warn(`unreadable ${what} left out of the serving snapshot`, { unreadable });
  return out;
}

const numberOrNull = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/** What the popularity version publishes: item statistics, the popular list, genre top lists. */
export interface PopularityPart {
  readonly itemStats: Map<string, ItemStats>;
  readonly popular: { itemId: string; count: number }[];
  readonly genreTop: Map<string, string[]>;
}

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((id) => typeof id === "string");

export async function loadPopularity(
  bulk: BulkStore,
  version: string | null,
  logger: Logger,
): Promise<PopularityPart> {
  if (version === null) return { itemStats: new Map(), popular: [], genreTop: new Map() };
  const [stats, tops, lists] = await Promise.all([
    readAllArtifacts(bulk, ARTIFACT_KINDS.itemStats, version),
    readAllArtifacts(bulk, ARTIFACT_KINDS.genreTop, version),
    // The list is published under `*`; `all` is the name an older layout used.
    bulk.getArtifacts(ARTIFACT_KINDS.popularity, version, [ALL_GENRES, "all"]),
  ]);
  const itemStats = decodeEach(
    stats,
    (json) => {
      const s = json as Record<string, unknown>;
      const ratingCount = numberOrNull(s.ratingCount);
      if (ratingCount === null) return null;
      return {
        ratingCount,
        averageRating: numberOrNull(s.averageRating),
        bayesianAverage: numberOrNull(s.bayesianAverage),
      };
    },
    "item statistics",
    logger,
  );
  const genreTop = decodeEach(tops, (json) => (isIdList(json) ? json : null), "genre top lists", logger);
  if (!genreTop.has(ALL_GENRES)) genreTop.set(ALL_GENRES, topOfAll(itemStats, genreTop));
  const listBytes = lists.find((bytes) => bytes !== null) ?? null;
  const ids = listBytes === null ? [] : jsonOf(listBytes);
  const popular = (isIdList(ids) ? ids : []).map((itemId) => ({
    itemId,
    count: itemStats.get(itemId)?.ratingCount ?? 0,
  }));
  return { itemStats, popular, genreTop };
}

/**
 * The list over all genres when the version publishes none: the best items by Bayesian average (then count,
 * then id, the offline order), as long as the longest genre list.
 */
function topOfAll(
  itemStats: ReadonlyMap<string, ItemStats>,
  genreTop: ReadonlyMap<string, readonly string[]>,
): string[] {
  const length = Math.max(0, ...[...genreTop.values()].map((list) => list.length));
  const average = (s: ItemStats) => s.bayesianAverage ?? Number.NEGATIVE_INFINITY;
  return [...itemStats]
    .sort(
      ([a, x], [b, y]) =>
        average(y) - average(x) || y.ratingCount - x.ratingCount || (a < b ? -1 : a > b ? 1 : 0),
    )
    .slice(0, length)
    .map(([itemId]) => itemId);
}

/** Item ids by release year, newest first, then most rated first, then by id; items without a year left out. */
export function recentReleasesOf(
  items: ReadonlyMap<string, ServedItem>,
  itemStats: ReadonlyMap<string, ItemStats>,
): string[] {
  const count = (id: string) => itemStats.get(id)?.ratingCount ?? 0;
  return [...items.values()]
    .filter((item) => item.year !== null)
    .sort(
      (a, b) =>
        (b.year as number) - (a.year as number) ||
        count(b.itemId) - count(a.itemId) ||
        compareItemIds(a.itemId, b.itemId),
    )
    .map((item) => item.itemId);
}

/** What the features version publishes for items: their features and the genre vocabulary. */
export interface FeaturesPart {
  readonly itemFeatures: Map<string, ItemFeatures>;
  readonly genreVocabulary: readonly string[];
}

export async function loadItemFeatures(
  bulk: BulkStore,
  version: string | null,
  logger: Logger,
): Promise<FeaturesPart> {
  if (version === null) return { itemFeatures: new Map(), genreVocabulary: [] };
  const [features, spec] = await Promise.all([
    readAllArtifacts(bulk, ARTIFACT_KINDS.itemFeatures, version),
    bulk.getArtifact(ARTIFACT_KINDS.featureTransforms, version, "spec"),
  ]);
  const itemFeatures = decodeEach(
    features,
    (json, key) => {
      const f = json as ItemFeatures;
      return typeof f === "object" && f !== null && f.itemId === key && Array.isArray(f.genres) ? f : null;
    },
    "item features",
    logger,
  );
  let genreVocabulary: readonly string[] = [];
  if (spec !== null) {
    try {
      genreVocabulary = parseFeatureTransforms(jsonOf(spec)).genres;
    } catch (error) {
      logger.warn("the feature transforms are unreadable; serving without a genre vocabulary", {
        version,
        error: String(error),
      });
    }
  }
  return { itemFeatures, genreVocabulary };
}
