import { currentEpoch, decayedCount } from "../../core/trending.ts";
import { type CacheKeys, cacheKeys } from "../../schemas/index.ts";
import { topHits } from "./ordering.ts";
import type { RecallChannel, SortedSetReader } from "./types.ts";

export interface TrendingChannelDeps {
  /** Reads the nearline's trending sorted sets (FeatureCache, through the DependencyGuard). */
  readonly readSortedSets: SortedSetReader;
  /** The nearline's `trendingHalfLifeMinutes`: it names the keys and sets the decay. */
  readonly halfLifeMinutes: number;
  readonly keys?: CacheKeys;
}

/**
 * `trending`: the items with the highest decayed event counts now, from the nearline's counters of the current
 * and the previous epoch (core/trending), each converted to a count decayed to the request time and summed.
 * Each set is read a little deeper than the quota so that seen items and catalogue strangers do not leave it
 * short; score = decayed count.
 */
export function trendingChannel(deps: TrendingChannelDeps): RecallChannel {
  const keys = deps.keys ?? cacheKeys();
  const halfLifeMs = deps.halfLifeMinutes * 60_000;
  return {
    name: "trending",
    async recall({ snapshot, user, now, signal }, quota) {
      if (quota <= 0) return [];
      const epoch = currentEpoch(now, halfLifeMs);
      const epochs = [epoch, epoch - 1];
      const depth = Math.min(quota + user.seen.size, 4 * quota + 50);
      const sets = await deps.readSortedSets(
        epochs.map((e) => keys.trendingEpoch(deps.halfLifeMinutes, e)),
        depth,
        signal,
      );
      const counts = new Map<string, number>();
      sets.forEach((members, i) => {
        for (const { member, score } of members) {
          if (user.seen.has(member) || !snapshot.items.has(member)) continue;
          const count = decayedCount(score, epochs[i] as number, now, halfLifeMs);
          counts.set(member, (counts.get(member) ?? 0) + count);
        }
      });
      return topHits(
        [...counts].map(([itemId, score]) => ({ itemId, score })),
        quota,
      );
    },
  };
}
