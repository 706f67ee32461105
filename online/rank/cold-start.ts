import { ALL_GENRES } from "../../schemas/index.ts";
import type { ServingSnapshot, UserProfile } from "../lookup/types.ts";
import { isServable } from "../recall/filter.ts";
import type { RankedItem } from "./types.ts";

/** A user the request path knows nothing about: no rating or click and no vector of any model. */
export function isColdUser(user: UserProfile): boolean {
  return user.actions.length === 0 && user.embeddings.size === 0;
}

export interface ColdStartOptions {
  readonly k: number;
  readonly exclude?: ReadonlySet<string>;
}

/**
 * The list for a cold user: the best-rated (Bayesian average, all genres) and the most rated items taken in
 * turn, best-rated first, each item once, only eligible catalogue items not excluded. Score = 1 / (1 + position)
 * in this list; channels name the list(s) the item is on.
 */
export function coldStartList(snapshot: ServingSnapshot, options: ColdStartOptions): RankedItem[] {
  const topRated = snapshot.genreTop.get(ALL_GENRES) ?? [];
  const popular = snapshot.popular.map((p) => p.itemId);
  const onTopRated = new Set(topRated);
  const onPopular = new Set(popular);
  const filter = { snapshot, user: null, ...(options.exclude ? { exclude: options.exclude } : {}) };
  const out: RankedItem[] = [];
  const taken = new Set<string>();
  const longest = Math.max(topRated.length, popular.length);
  for (let i = 0; i < longest && out.length < options.k; i++) {
    for (const itemId of [topRated[i], popular[i]]) {
      if (itemId === undefined || out.length >= options.k) continue;
      if (taken.has(itemId) || !isServable(itemId, filter)) continue;
      taken.add(itemId);
      const channels = [
        ...(onTopRated.has(itemId) ? ["top-rated"] : []),
        ...(onPopular.has(itemId) ? ["popularity"] : []),
      ];
      out.push({ itemId, score: 1 / (1 + out.length), channels });
    }
  }
  return out;
}
