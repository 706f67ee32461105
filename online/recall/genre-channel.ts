import type { ServingSnapshot, UserProfile } from "../lookup/types.ts";
import type { RecallChannel, RecallHit } from "./types.ts";

/** How many of the user's genres the channel draws from. */
const MAX_GENRES = 3;
/** Actions whose items' genres stand in for a taste when the user has no rating features. */
const RECENT_ACTIONS = 20;

interface GenreWeight {
  readonly genre: string;
  readonly weight: number;
}

const byWeight = (a: GenreWeight, b: GenreWeight) =>
  b.weight - a.weight || (a.genre < b.genre ? -1 : a.genre > b.genre ? 1 : 0);

function positive(values: Readonly<Record<string, number>>): GenreWeight[] {
  return Object.entries(values)
    .filter(([, weight]) => weight > 0)
    .map(([genre, weight]) => ({ genre, weight }));
}

/**
 * The user's preferred genres with weights, strongest first: the share of their likes per genre, else their
 * positive genre affinities, else how often each genre occurs among the items of their newest actions
 * (e.g. a user who has only clicked). Only genres with a published top list count.
 */
export function preferredGenres(user: UserProfile, snapshot: ServingSnapshot): GenreWeight[] {
  let weights: GenreWeight[] = [];
  if (user.features !== null) {
    weights = positive(user.features.genreLikedShare);
    if (weights.length === 0) weights = positive(user.features.genreAffinity);
  }
  if (weights.length === 0) {
    const counts = new Map<string, number>();
    for (const action of user.actions.slice(0, RECENT_ACTIONS)) {
      for (const genre of snapshot.items.get(action.itemId)?.genres ?? []) {
        counts.set(genre, (counts.get(genre) ?? 0) + 1);
      }
    }
    weights = [...counts].map(([genre, weight]) => ({ genre, weight }));
  }
  return weights
    .filter((g) => snapshot.genreTop.has(g.genre))
    .sort(byWeight)
    .slice(0, MAX_GENRES);
}

/**
 * `genre`: the top items of the user's preferred genres, interleaved by weight. Each pick goes to the genre with
 * the highest weight / (items taken from it + 1) (the D'Hondt rule), so a genre twice as preferred gets about
 * twice the items, and the strongest genre leads; that quotient is the hit's score, which never increases.
 */
export function genreChannel(): RecallChannel {
  return {
    name: "genre",
    recall({ snapshot, user }, quota) {
      const genres = preferredGenres(user, snapshot).map((g) => ({
        ...g,
        list: snapshot.genreTop.get(g.genre) ?? [],
        next: 0,
        taken: 0,
      }));
      const picked = new Set<string>();
      const hits: RecallHit[] = [];
      while (hits.length < quota) {
        let best: (typeof genres)[number] | undefined;
        for (const g of genres) {
          if (g.next >= g.list.length) continue;
          if (best === undefined || g.weight / (g.taken + 1) > best.weight / (best.taken + 1)) best = g;
        }
        if (best === undefined) break;
        const itemId = best.list[best.next++] as string;
        if (user.seen.has(itemId) || picked.has(itemId)) continue;
        picked.add(itemId);
        hits.push({ itemId, score: best.weight / (best.taken + 1) });
        best.taken++;
      }
      return hits;
    },
  };
}
