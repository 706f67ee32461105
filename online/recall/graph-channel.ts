import { type CacheKeys, cacheKeys } from "../../schemas/index.ts";
import { failureReason } from "./failure-reason.ts";
import { topHits } from "./ordering.ts";
import type { RecallChannel, SortedSetReader } from "./types.ts";

export interface GraphChannelDeps {
  /** Reads the nearline's live successor sets `i:{item}:next` (FeatureCache, through the DependencyGuard). */
  readonly readSortedSets: SortedSetReader;
  readonly keys?: CacheKeys;
  /** How many of the user's newest distinct items to start from (default 5). */
  readonly recentItems?: number;
  /** Successors read per item from each source (default 20). */
  readonly perItem?: number;
}

/**
 * `graph`: behaviour-graph successors of the user's newest items (rated or clicked), from the nearline's live
 * edges and the published graph together; score = the summed edge weights over both sources and every start
 * item. Without the live part (cache down) the channel still answers from the published graph and reports the
 * loss as `channel:graph:<reason>`.
 */
export function graphChannel(deps: GraphChannelDeps): RecallChannel {
  const keys = deps.keys ?? cacheKeys();
  const recentItems = deps.recentItems ?? 5;
  const perItem = deps.perItem ?? 20;
  return {
    name: "graph",
    async recall({ snapshot, user, signal, reportFailure }, quota) {
      if (quota <= 0) return [];
      const starts: string[] = [];
      for (const action of user.actions) {
        if (starts.length >= recentItems) break;
        if (!starts.includes(action.itemId)) starts.push(action.itemId);
      }
      if (starts.length === 0) return [];
      const weights = new Map<string, number>();
      const add = (itemId: string, weight: number) => {
        if (user.seen.has(itemId) || !snapshot.items.has(itemId)) return;
        weights.set(itemId, (weights.get(itemId) ?? 0) + weight);
      };
      try {
        const live = await deps.readSortedSets(
          starts.map((itemId) => keys.itemNext(itemId)),
          perItem,
          signal,
        );
        for (const members of live) for (const { member, score } of members) add(member, score);
      } catch (error) {
        reportFailure?.(failureReason(error));
      }
      for (const start of starts)
        for (const next of snapshot.graphNext(start, perItem)) add(next.itemId, next.weight);
      return topHits(
        [...weights].map(([itemId, score]) => ({ itemId, score })),
        quota,
      );
    },
  };
}
