import { ALL_GENRES } from "../../schemas/index.ts";
import type { ServingSnapshot } from "../lookup/types.ts";
import type { RecallChannel, RecallHit } from "./types.ts";

/**
 * A channel over one published list: its first `quota` unseen items. The lists carry no scores, so the score is
 * the reciprocal of the position in the list (1, 1/2, 1/3...), which keeps the list's order.
 */
function listChannel(name: string, listOf: (snapshot: ServingSnapshot) => readonly string[]): RecallChannel {
  return {
    name,
    recall({ snapshot, user }, quota) {
      const hits: RecallHit[] = [];
      const list = listOf(snapshot);
      for (let i = 0; i < list.length && hits.length < quota; i++) {
        const itemId = list[i] as string;
        if (!user.seen.has(itemId)) hits.push({ itemId, score: 1 / (1 + i) });
      }
      return hits;
    },
  };
}

/** `top-rated`: the best items by Bayesian average over all genres. */
export function topRatedChannel(): RecallChannel {
  return listChannel("top-rated", (snapshot) => snapshot.genreTop.get(ALL_GENRES) ?? []);
}

/** `recent`: the newest releases. */
export function recentChannel(): RecallChannel {
  return listChannel("recent", (snapshot) => snapshot.recentReleases);
}
