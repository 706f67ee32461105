import { bayesianAverage, type ItemStatsTable } from "./item-stats.ts";

export interface ItemSummary {
  readonly itemId: string;
  readonly ratingCount: number;
  readonly averageRating: number;
  readonly bayesianAverage: number;
}

export interface MovieLike {
  readonly itemId: string;
  readonly genres: readonly string[];
}

/** Summaries for every rated item. */
export function summariseItems(stats: ItemStatsTable, priorWeight: number): Map<string, ItemSummary> {
  const out = new Map<string, ItemSummary>();
  for (const [itemId, count] of stats.count) {
    const sum = stats.sum.get(itemId) ?? 0;
    out.set(itemId, {
      itemId,
      ratingCount: count,
      averageRating: sum / count,
      bayesianAverage: bayesianAverage(sum, count, stats.globalMean, priorWeight),
    });
  }
  return out;
}

/** Order by Bayesian average, then by count, then by id, so equal scores rank the same on every run. */
export function byBayesianAverage(a: ItemSummary, b: ItemSummary): number {
  return (
    b.bayesianAverage - a.bayesianAverage || b.ratingCount - a.ratingCount || compareIds(a.itemId, b.itemId)
  );
}

/** Order by rating count (popularity), then by Bayesian average, then by id. */
export function byPopularity(a: ItemSummary, b: ItemSummary): number {
  return (
    b.ratingCount - a.ratingCount || b.bayesianAverage - a.bayesianAverage || compareIds(a.itemId, b.itemId)
  );
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The best `k` rated items of every genre, by Bayesian average. Items nobody rated are left out. */
export function topItemsByGenre(
  movies: Iterable<MovieLike>,
  summaries: ReadonlyMap<string, ItemSummary>,
  k: number,
): Map<string, ItemSummary[]> {
  const byGenre = new Map<string, ItemSummary[]>();
  for (const movie of movies) {
    const summary = summaries.get(movie.itemId);
    if (!summary) continue;
    for (const genre of movie.genres) {
      const list = byGenre.get(genre) ?? [];
      list.push(summary);
      byGenre.set(genre, list);
    }
  }
  for (const [genre, list] of byGenre) byGenre.set(genre, list.sort(byBayesianAverage).slice(0, k));
  return byGenre;
}

/** The `k` most rated items. */
export function mostPopular(summaries: ReadonlyMap<string, ItemSummary>, k: number): ItemSummary[] {
  return [...summaries.values()].sort(byPopularity).slice(0, k);
}
