import { compareRatings } from "../../core/rating-order.ts";
import type { ServedItem, ServingSnapshot, UserAction, UserProfile } from "../lookup/types.ts";
import type { RecallContext } from "./types.ts";

/** A snapshot for tests: every part empty unless given. */
export function fixtureSnapshot(parts: Partial<ServingSnapshot> = {}): ServingSnapshot {
  return {
    versions: { popularity: "v1", features: "v1", embeddings: "v1" },
    loadedAt: 0,
    items: new Map(),
    itemStats: new Map(),
    itemFeatures: new Map(),
    genreVocabulary: [],
    popular: [],
    genreTop: new Map(),
    recentReleases: [],
    embeddings: new Map(),
    graphNext: () => [],
    ranker: null,
    ...parts,
  };
}

/** Catalogue items, eligible unless listed in `ineligible`. */
export function fixtureItems(
  items: readonly { itemId: string; genres?: string[]; year?: number | null }[],
  ineligible: readonly string[] = [],
): Map<string, ServedItem> {
  return new Map(
    items.map((i) => [
      i.itemId,
      {
        itemId: i.itemId,
        title: `Item ${i.itemId}`,
        year: i.year ?? null,
        genres: i.genres ?? [],
        eligible: !ineligible.includes(i.itemId),
      },
    ]),
  );
}

export interface FixtureAction {
  readonly itemId: string;
  /** Null (or absent) for a click. */
  readonly rating?: number | null;
  readonly timestamp: number;
}

/** A profile from actions in any order (stored newest first, as the loader gives them). */
export function fixtureUser(
  userId: string,
  actions: readonly FixtureAction[],
  parts: Partial<Pick<UserProfile, "features" | "embeddings">> = {},
): UserProfile {
  const list: UserAction[] = actions
    .map((a) => {
      const rating = a.rating ?? null;
      return {
        itemId: a.itemId,
        type: rating === null ? "click" : "rating",
        rating,
        timestamp: a.timestamp,
      } as const;
    })
    .sort((a, b) => compareRatings(b, a));
  const liked = list.filter((a) => a.rating !== null && a.rating >= 3.5);
  return {
    userId,
    actions: list,
    seen: new Set(list.map((a) => a.itemId)),
    lastLiked: liked[0]?.itemId ?? null,
    features: parts.features ?? null,
    embeddings: parts.embeddings ?? new Map(),
    tiers: {},
    failures: [],
  };
}

export function fixtureContext(snapshot: ServingSnapshot, user: UserProfile, now = 0): RecallContext {
  return { snapshot, user, now, signal: new AbortController().signal };
}
