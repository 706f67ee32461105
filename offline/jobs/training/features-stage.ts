import type { FeatureTransforms } from "../../../core/features/index.ts";
import { buildItemFeatures, type ItemFeatures } from "../../features/item-features.ts";
import { ItemStatsAccumulator } from "../../features/item-stats.ts";
import { mostPopular, summariseItems, topItemsByGenre } from "../../features/top-items.ts";
import { buildUserFeatures, type UserFeatures } from "../../features/user-features.ts";
import type { JobDeps } from "../job-deps.ts";
import type { PopularityModel } from "../publish-popularity.ts";
import type { History } from "./history.ts";

export interface FeaturesParams {
  readonly history: History;
  readonly priorWeight: number;
  readonly buckets: number;
  /** Length of each genre's top list and of the popular list. */
  readonly topK: number;
}

export interface FeatureSet {
  readonly transforms: FeatureTransforms;
  readonly items: ReadonlyMap<string, ItemFeatures>;
  readonly users: ReadonlyMap<string, UserFeatures>;
  readonly popularity: PopularityModel;
}

function popularityOf(params: FeaturesParams): PopularityModel {
  const stats = new ItemStatsAccumulator();
  for (const rating of params.history.ratings) stats.add(rating);
  const summaries = summariseItems(stats.result(), params.priorWeight);
  const movies = params.history.items.map((item) => ({ itemId: item.itemId, genres: [...item.genres] }));
  const topByGenre = topItemsByGenre(movies, summaries, params.topK);
  return { summaries, topByGenre, popular: mostPopular(summaries, params.topK) };
}

/** Stage 2: item and user features with their fitted transforms, and the popularity lists. */
export async function runFeatures(deps: JobDeps, params: FeaturesParams): Promise<FeatureSet> {
  const progress = deps.progress({ label: "features", unit: "steps", total: 3 });
  const { items: catalogue, ratings, latestTimestamp } = params.history;
  const popularity = popularityOf(params);
  progress.update(1);
  const itemOptions = { priorWeight: params.priorWeight, buckets: params.buckets };
  const { transforms, items } = buildItemFeatures(catalogue, ratings, itemOptions);
  progress.update(2);
  const users = buildUserFeatures(catalogue, ratings, { asOf: latestTimestamp });
  progress.finish(`${items.size} items, ${users.size} users`);
  return { transforms, items, users, popularity };
}
