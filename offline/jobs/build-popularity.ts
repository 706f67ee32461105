import type { Dataset } from "../data/index.ts";
import { mostPopular, summariseItems, topItemsByGenre } from "../features/top-items.ts";
import { importCatalog } from "./import-catalog.ts";
import { importRatings } from "./import-ratings.ts";
import type { JobDeps } from "./job-deps.ts";
import { publishPopularity } from "./publish-popularity.ts";

export interface BuildPopularityParams {
  readonly dataset: Dataset;
  /** Prior weight of the Bayesian average. */
  readonly priorWeight: number;
  /** How many items each genre list and the popular list keep. */
  readonly topK: number;
}

export interface BuildPopularityResult {
  readonly version: string;
  readonly movies: number;
  readonly ratings: number;
  readonly genres: number;
  readonly malformedRows: number;
}

/** The demo's offline run: import the data set, compute popularity and per-genre top items, publish them. */
export async function buildPopularity(
  deps: JobDeps,
  params: BuildPopularityParams,
): Promise<BuildPopularityResult> {
  const movies = await importCatalog(deps, params.dataset);
  const { stats, rejected } = await importRatings(deps, params.dataset);
  const summaries = summariseItems(stats, params.priorWeight);
  const topByGenre = topItemsByGenre(movies, summaries, params.topK);
  const popular = mostPopular(summaries, params.topK);
  const version = await publishPopularity(deps, { summaries, topByGenre, popular });
  const malformedRows = params.dataset.reports().reduce((n, r) => n + r.malformed, rejected);
  return { version, movies: movies.length, ratings: stats.ratings, genres: topByGenre.size, malformedRows };
}
