import { channelsOfFeatureNames } from "../../core/ranking/ranking-features.ts";
import { CHANNEL_NAMES } from "../recall/channels.ts";
import { RankerUnavailableError } from "./ranker-unavailable.ts";

/** The offline default of `candidatesPerChannel` (offline.ranker.candidatesPerChannel). */
export const DEFAULT_CANDIDATES_PER_CHANNEL = 50;

/**
 * Quotas for the embedding ranker, which re-orders whatever recall finds by Item2Vec inner product. About 135
 * candidates: the learned channels that share its geometry lead (item2vec-mean 30, als 20), the behaviour graph
 * brings the user's latest sessions (20), genre taste (20) and the non-personal lists (top-rated 10, trending 10,
 * recent 5) add breadth and freshness without crowding the list.
 */
export const EMBEDDING_QUOTAS: Readonly<Record<string, number>> = Object.freeze({
  [CHANNEL_NAMES.genre]: 20,
  [CHANNEL_NAMES.topRated]: 10,
  [CHANNEL_NAMES.recent]: 5,
  [CHANNEL_NAMES.trending]: 10,
  [CHANNEL_NAMES.item2vecMean]: 30,
  [CHANNEL_NAMES.graph]: 20,
  [CHANNEL_NAMES.als]: 20,
});

/**
 * Quotas for the model ranker: exactly the channels it was trained with (parsed from its `<channel>:score`
 * feature names), each with the offline `candidatesPerChannel`. Nothing more: an extra channel's candidates, or
 * a different quota, would change the candidate set and the reciprocal ranks the ranker saw offline.
 */
export function rankerQuotas(
  featureNames: readonly string[],
  candidatesPerChannel: number = DEFAULT_CANDIDATES_PER_CHANNEL,
): Record<string, number> {
  let channels: string[];
  try {
    channels = channelsOfFeatureNames(featureNames);
  } catch (error) {
    throw new RankerUnavailableError(error instanceof Error ? error.message : String(error));
  }
  return Object.fromEntries(channels.map((name) => [name, candidatesPerChannel]));
}

/** The default quotas of a model; "ranker" needs the published ranker (throws RankerUnavailableError without). */
export function defaultQuotas(
  model: "ranker" | "embedding",
  ranker: { readonly featureNames: readonly string[] } | null,
  candidatesPerChannel: number = DEFAULT_CANDIDATES_PER_CHANNEL,
): Record<string, number> {
  if (model === "embedding") return { ...EMBEDDING_QUOTAS };
  if (ranker === null) throw new RankerUnavailableError("no ranking model is published");
  return rankerQuotas(ranker.featureNames, candidatesPerChannel);
}
