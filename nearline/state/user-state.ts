import type { RunningMean } from "../../core/user-state/index.ts";

/** One user's nearline state as a batch sees it: read once, then advanced event by event in memory. */
export interface UserState {
  readonly userId: string;
  /** The features hash as read, the base that this batch's counter changes are added to. */
  stored: Readonly<Record<string, string>>;
  /** True when the cache held nothing of the user: the stored history seeds the state first. */
  fresh: boolean;
  /** The latest liked item: where the next behaviour-graph edge starts. */
  previousLiked: string | null;
  previousLikedAt: number | null;
  lastRatingAt: number | null;
  /** Ids of this user's events already applied (earlier, or in this batch), so a duplicate applies nothing. */
  readonly seen: Set<string>;
  /** Running sums per user-embedding model of the current embeddings version. */
  readonly means: Map<string, RunningMean>;
  /** Models whose sums this batch changed (they are written back with their vectors). */
  readonly changedMeans: Set<string>;
}

export function emptyUserState(userId: string): UserState {
  return {
    userId,
    stored: {},
    fresh: true,
    previousLiked: null,
    previousLikedAt: null,
    lastRatingAt: null,
    seen: new Set(),
    means: new Map(),
    changedMeans: new Set(),
  };
}
