import type { ItemRecord } from "../../../core/ports/index.ts";
import { buildItemFeatures } from "../../features/item-features.ts";
import { buildUserFeatures } from "../../features/user-features.ts";
import type { RankingContext } from "../../ranking/ranking-features.ts";
import type { HistoryRating } from "./history.ts";

export interface ContextParams {
  readonly priorWeight: number;
  readonly buckets: number;
}

/** Item and user features fitted on `ratings` only, laid out by catalogue position for the ranker. */
export function rankingContext(
  items: readonly ItemRecord[],
  catalogue: readonly string[],
  ratings: readonly HistoryRating[],
  params: ContextParams,
): RankingContext {
  const built = buildItemFeatures(items, ratings, params);
  let asOf = 0;
  for (const r of ratings) if (r.timestamp > asOf) asOf = r.timestamp;
  const users = buildUserFeatures(items, ratings, { asOf });
  return { items: catalogue.map((id) => built.items.get(id)), users, genres: built.transforms.genres };
}
