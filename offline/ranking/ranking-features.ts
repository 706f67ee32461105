import type { ItemFeatures } from "../../core/features/index.ts";
import type { UserFeatures } from "../features/user-features.ts";
import type { Candidates } from "./candidates.ts";

/** What the features of a (user, candidate) pair are computed from, besides the channels. */
export interface RankingContext {
  /** Item features by catalogue position (undefined for items without any). */
  readonly items: readonly (ItemFeatures | undefined)[];
  readonly users: ReadonlyMap<string, UserFeatures>;
  /** The genre vocabulary the items' multi-hot vectors use. */
  readonly genres: readonly string[];
}

const ITEM_FEATURES = ["item:ratingCountNorm", "item:bayesianAverageNorm", "item:yearNorm", "item:yearKnown"];
const USER_FEATURES = ["user:logRatingCount", "user:averageRating"];
const CROSS_FEATURES = ["cross:genreAffinity", "cross:genreLikedShare"];

/** Feature names, in row order, for the given channels. */
export function rankingFeatureNames(channels: readonly string[]): string[] {
  const perChannel = channels.flatMap((c) => [`${c}:score`, `${c}:reciprocalRank`]);
  return [...perChannel, ...ITEM_FEATURES, ...USER_FEATURES, ...CROSS_FEATURES];
}

/** sign(x)·log(1 + |x|): keeps cosines about as they are and tames counts; non-finite becomes 0. */
function squash(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.sign(x) * Math.log1p(Math.abs(x));
}

/** Mean of the user's per-genre values over the item's genres (0 when either has none). */
function genreMatch(
  item: ItemFeatures,
  values: Readonly<Record<string, number>>,
  genres: readonly string[],
): number {
  let sum = 0;
  let n = 0;
  for (const [g, flag] of item.genres.entries()) {
    if (flag === 0) continue;
    n += 1;
    sum += values[genres[g] as string] ?? 0;
  }
  return n === 0 ? 0 : sum / n;
}

/** Writes one row of `rankingFeatureNames(channels)` per candidate into `out` (row-major). */
export function fillRankingFeatures(
  candidates: Candidates,
  userId: string,
  context: RankingContext,
  out: Float32Array,
): void {
  const channels = candidates.channelScores.length;
  const width = channels * 2 + ITEM_FEATURES.length + USER_FEATURES.length + CROSS_FEATURES.length;
  const user = context.users.get(userId);
  for (let row = 0; row < candidates.count; row++) {
    const position = candidates.indices[row] as number;
    let at = row * width;
    for (let c = 0; c < channels; c++) {
      const rank = (candidates.channelRanks[c] as Int32Array)[position] as number;
      out[at++] = squash((candidates.channelScores[c] as Float32Array)[position] as number);
      out[at++] = rank < 0 ? 0 : 1 / (1 + rank);
    }
    const item = context.items[position];
    out[at++] = item?.ratingCountNorm ?? 0;
    out[at++] = item?.bayesianAverageNorm ?? 0;
    out[at++] = item?.yearNorm ?? 0.5;
    out[at++] = item?.yearNorm === null || item === undefined ? 0 : 1;
    out[at++] = user ? Math.log1p(user.ratingCount) : 0;
    out[at++] = user?.averageRating ?? 0;
    out[at++] = item && user ? genreMatch(item, user.genreAffinity, context.genres) : 0;
    out[at++] = item && user ? genreMatch(item, user.genreLikedShare, context.genres) : 0;
  }
}
