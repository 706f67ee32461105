import type { ItemFeatures, UserFeatures } from "../features/index.ts";

/**
 * The ranker's feature rows, computed by one piece of code for both tiers: the offline trainer and evaluator
 * (over catalogue-wide channel buffers) and the online request path (over one request's candidates). A row is,
 * per channel in model order, `<channel>:score` and `<channel>:reciprocalRank`, then the item, user and cross
 * features below.
 */

const ITEM_FEATURES = ["item:ratingCountNorm", "item:bayesianAverageNorm", "item:yearNorm", "item:yearKnown"];
const USER_FEATURES = ["user:logRatingCount", "user:averageRating"];
const CROSS_FEATURES = ["cross:genreAffinity", "cross:genreLikedShare"];
const CONTEXT_FEATURES = [...ITEM_FEATURES, ...USER_FEATURES, ...CROSS_FEATURES];
const SCORE_SUFFIX = ":score";
const RANK_SUFFIX = ":reciprocalRank";

/** Values per channel in a row (score, reciprocal rank). */
export const CHANNEL_FEATURE_COUNT = 2;
/** Values after the channels' in a row (item, user and cross features). */
export const CONTEXT_FEATURE_COUNT = CONTEXT_FEATURES.length;

/** What the features of a (user, candidate) pair are computed from offline, besides the channels. */
export interface RankingContext {
  /** Item features by catalogue position (undefined for items without any). */
  readonly items: readonly (ItemFeatures | undefined)[];
  readonly users: ReadonlyMap<string, UserFeatures>;
  /** The genre vocabulary the items' multi-hot vectors use. */
  readonly genres: readonly string[];
}

/** Catalogue-wide channel buffers of one user (offline's CandidateCollector gives these). */
export interface CatalogueCandidates {
  readonly count: number;
  /** Catalogue positions of the candidates, `count` of them. */
  readonly indices: Int32Array;
  /** Per channel, its score of every catalogue position. */
  readonly channelScores: readonly Float32Array[];
  /** Per channel, the 0-based rank of each catalogue position in its top list, or -1. */
  readonly channelRanks: readonly Int32Array[];
}

/** Feature names, in row order, for the given channels. */
export function rankingFeatureNames(channels: readonly string[]): string[] {
  const perChannel = channels.flatMap((c) => [`${c}${SCORE_SUFFIX}`, `${c}${RANK_SUFFIX}`]);
  return [...perChannel, ...CONTEXT_FEATURES];
}

/** Row width for `channels` channels. */
export function rankingRowWidth(channels: number): number {
  return channels * CHANNEL_FEATURE_COUNT + CONTEXT_FEATURE_COUNT;
}

/**
 * The channels, in order, of a model trained on `rankingFeatureNames(channels)`; throws when the names are not
 * that layout (a model of some other feature set cannot be fed by the channels).
 */
export function channelsOfFeatureNames(featureNames: readonly string[]): string[] {
  const channelValues = featureNames.length - CONTEXT_FEATURE_COUNT;
  const channels: string[] = [];
  for (let i = 0; i + 1 < channelValues; i += CHANNEL_FEATURE_COUNT) {
    const name = featureNames[i] as string;
    if (name.endsWith(SCORE_SUFFIX)) channels.push(name.slice(0, -SCORE_SUFFIX.length));
  }
  const expected = rankingFeatureNames(channels);
  if (expected.join("\n") !== featureNames.join("\n")) {
    throw new Error(
      `feature names [${featureNames.join(", ")}] are not the ranking layout of channels [${channels.join(", ")}]`,
    );
  }
  return channels;
}

/**
 * sign(x)·log(1 + |x|): keeps cosines about as they are and tames counts; non-finite (an item the channel's
 * model does not know scores -Infinity) becomes 0.
 */
export function squash(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.sign(x) * Math.log1p(Math.abs(x));
}

/**
 * Writes one channel's two values at `at`. `score` is the channel's score of the item as a float32 channel
 * buffer holds it; `rank` is its 0-based rank in the channel's top list, or -1 when the channel did not recall it.
 */
export function writeChannelFeatures(out: Float32Array, at: number, score: number, rank: number): void {
  out[at] = squash(score);
  out[at + 1] = rank < 0 ? 0 : 1 / (1 + rank);
}

/** Mean of the user's per-genre values over the item's genres (0 when either has none). */
function genreMatch(
  item: ItemFeatures,
  values: Readonly<Record<string, number>>,
  genres: readonly string[],
): number {
  let sum = 0;
  let n = 0;
  const flags = item.genres;
  // An index loop rather than entries(): this runs twice per candidate on every ranked request.
  for (let g = 0; g < flags.length; g++) {
    if (flags[g] === 0) continue;
    n += 1;
    sum += values[genres[g] as string] ?? 0;
  }
  return n === 0 ? 0 : sum / n;
}

/** Writes the item, user and cross features (`CONTEXT_FEATURE_COUNT` values) at `at`. */
export function writeContextFeatures(
  out: Float32Array,
  at: number,
  item: ItemFeatures | undefined,
  user: UserFeatures | undefined,
  genres: readonly string[],
): void {
  out[at] = item?.ratingCountNorm ?? 0;
  out[at + 1] = item?.bayesianAverageNorm ?? 0;
  out[at + 2] = item?.yearNorm ?? 0.5;
  out[at + 3] = item?.yearNorm === null || item === undefined ? 0 : 1;
  out[at + 4] = user ? Math.log1p(user.ratingCount) : 0;
  out[at + 5] = user?.averageRating ?? 0;
  out[at + 6] = item && user ? genreMatch(item, user.genreAffinity, genres) : 0;
  out[at + 7] = item && user ? genreMatch(item, user.genreLikedShare, genres) : 0;
}

/** Writes one row of `rankingFeatureNames(channels)` per candidate into `out` (row-major); the offline layout. */
export function fillRankingFeatures(
  candidates: CatalogueCandidates,
  userId: string,
  context: RankingContext,
  out: Float32Array,
): void {
  const channels = candidates.channelScores.length;
  const width = rankingRowWidth(channels);
  const user = context.users.get(userId);
  for (let row = 0; row < candidates.count; row++) {
    const position = candidates.indices[row] as number;
    const at = row * width;
    for (let c = 0; c < channels; c++) {
      const score = (candidates.channelScores[c] as Float32Array)[position] as number;
      const rank = (candidates.channelRanks[c] as Int32Array)[position] as number;
      writeChannelFeatures(out, at + c * CHANNEL_FEATURE_COUNT, score, rank);
    }
    writeContextFeatures(
      out,
      at + channels * CHANNEL_FEATURE_COUNT,
      context.items[position],
      user,
      context.genres,
    );
  }
}
