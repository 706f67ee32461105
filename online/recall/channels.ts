import { EMBEDDING_MODELS } from "../../schemas/index.ts";
import type { ServingSnapshot } from "../lookup/types.ts";
import { alsChannel, item2vecMeanChannel, lastLikedChannel } from "./embedding-channels.ts";
import { genreChannel } from "./genre-channel.ts";
import { type GraphChannelDeps, graphChannel } from "./graph-channel.ts";
import { recentChannel, topRatedChannel } from "./list-channels.ts";
import { catalogueOrder } from "./ordering.ts";
import { popularityChannel, popularityTable } from "./popularity-channel.ts";
import { type TrendingChannelDeps, trendingChannel } from "./trending-channel.ts";
import type { RecallChannel, SortedSetReader } from "./types.ts";

/** Every channel name; the embedding ones are the offline ranker's channel names, letter for letter. */
export const CHANNEL_NAMES = {
  genre: "genre",
  topRated: "top-rated",
  recent: "recent",
  popularity: "popularity",
  trending: "trending",
  item2vecMean: "item2vec-mean",
  item2vecLast: "item2vec-last",
  deepwalk: "deepwalk",
  node2vec: "node2vec",
  als: "als",
  graph: "graph",
} as const;

export interface ChannelDeps {
  /** FeatureCache sorted-set reads (trending counters, live graph edges), wrapped in the DependencyGuard. */
  readonly readSortedSets: SortedSetReader;
  /** The nearline's `trendingHalfLifeMinutes`. */
  readonly trendingHalfLifeMinutes: number;
  readonly keys?: TrendingChannelDeps["keys"];
  readonly graph?: Pick<GraphChannelDeps, "recentItems" | "perItem">;
}

/** All channels by name. Only `trending` and `graph` do I/O (through `readSortedSets`); the rest read memory. */
export function createChannels(deps: ChannelDeps): ReadonlyMap<string, RecallChannel> {
  const keys = deps.keys ? { keys: deps.keys } : {};
  const channels: RecallChannel[] = [
    genreChannel(),
    topRatedChannel(),
    recentChannel(),
    popularityChannel(),
    trendingChannel({
      readSortedSets: deps.readSortedSets,
      halfLifeMinutes: deps.trendingHalfLifeMinutes,
      ...keys,
    }),
    item2vecMeanChannel(),
    lastLikedChannel(CHANNEL_NAMES.item2vecLast, EMBEDDING_MODELS.item2vec),
    lastLikedChannel(CHANNEL_NAMES.deepwalk, EMBEDDING_MODELS.deepwalk),
    lastLikedChannel(CHANNEL_NAMES.node2vec, EMBEDDING_MODELS.node2vec),
    alsChannel(),
    graphChannel({ readSortedSets: deps.readSortedSets, ...keys, ...deps.graph }),
  ];
  return new Map(channels.map((c) => [c.name, c]));
}

/**
 * Builds the per-snapshot tables channels otherwise build on first use (catalogue order, whole-catalogue
 * popularity: some 50-80 ms for 10k items); call it when a new snapshot is loaded, before it serves.
 */
export function prepareRecall(snapshot: ServingSnapshot): void {
  catalogueOrder(snapshot);
  popularityTable(snapshot);
}
