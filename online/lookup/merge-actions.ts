import { LIKE_THRESHOLD } from "../../core/features/index.ts";
import { compareRatings } from "../../core/rating-order.ts";
import type { HistoryEntry } from "../../core/user-state/index.ts";
import type { UserAction } from "./types.ts";

export interface MergedActions {
  /** Newest first, (timestamp, itemId) descending; a rating before a click of the same item and time. */
  readonly actions: UserAction[];
  readonly seen: Set<string>;
  readonly lastLiked: string | null;
}

/** What the merge needs of an archive, computed once per archive value (it is reused while L1 holds it). */
interface ArchiveIndex {
  readonly newestFirst: readonly UserAction[];
  readonly seen: ReadonlySet<string>;
  /** Each item's latest rating. */
  readonly latestRating: ReadonlyMap<string, UserAction>;
  /** The latest ratings that are likes, latest first in (timestamp, itemId) order. */
  readonly likedLatestFirst: readonly UserAction[];
}

const indexes = new WeakMap<readonly UserAction[], ArchiveIndex>();

const identity = (a: UserAction) => `${a.type}\u0000${a.itemId}\u0000${a.timestamp}`;

function newestFirst(a: UserAction, b: UserAction): number {
  return compareRatings(b, a) || (a.type === b.type ? 0 : a.type === "rating" ? -1 : 1);
}

/** Each item's latest rating among newest-first actions. */
function latestRatings(sorted: readonly UserAction[]): Map<string, UserAction> {
  const latest = new Map<string, UserAction>();
  for (const action of sorted) {
    if (action.type === "rating" && !latest.has(action.itemId)) latest.set(action.itemId, action);
  }
  return latest;
}

function indexOf(archive: readonly UserAction[]): ArchiveIndex {
  let index = indexes.get(archive);
  if (index) return index;
  const unique = new Map<string, UserAction>();
  for (const action of archive) unique.set(identity(action), action);
  const sorted = [...unique.values()].sort(newestFirst);
  const latestRating = latestRatings(sorted);
  const likedLatestFirst = [...latestRating.values()]
    .filter((a) => (a.rating as number) >= LIKE_THRESHOLD)
    .sort((a, b) => compareRatings(b, a));
  index = { newestFirst: sorted, seen: new Set(sorted.map((a) => a.itemId)), latestRating, likedLatestFirst };
  indexes.set(archive, index);
  return index;
}

/** Live entries as actions, newest first, without those the archive (or the list itself) already holds. */
function freshLiveActions(live: readonly HistoryEntry[], archive: ArchiveIndex): UserAction[] {
  const actions: UserAction[] = [];
  for (const entry of live) {
    if (entry.type === "rating" && entry.rating === undefined) continue;
    actions.push({
      itemId: entry.itemId,
      type: entry.type,
      rating: entry.type === "rating" ? (entry.rating as number) : null,
      timestamp: entry.timestamp,
    });
  }
  if (actions.length === 0) return actions;
  const oldest = Math.min(...actions.map((a) => a.timestamp));
  // Only archive entries at least as new as the oldest live one can be the same event.
  const known = new Set<string>();
  for (const action of archive.newestFirst) {
    if (action.timestamp < oldest) break;
    known.add(identity(action));
  }
  const fresh: UserAction[] = [];
  for (const action of actions) {
    const id = identity(action);
    if (known.has(id)) continue;
    known.add(id);
    fresh.push(action);
  }
  return fresh.sort(newestFirst);
}

function mergeSorted(a: readonly UserAction[], b: readonly UserAction[]): UserAction[] {
  const out: UserAction[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    out.push(
      newestFirst(a[i] as UserAction, b[j] as UserAction) <= 0
        ? (a[i++] as UserAction)
        : (b[j++] as UserAction),
    );
  }
  while (i < a.length) out.push(a[i++] as UserAction);
  while (j < b.length) out.push(b[j++] as UserAction);
  return out;
}

/** The latest like over both lists, judging each item on its latest rating. */
function lastLikedOf(fresh: readonly UserAction[], archive: ArchiveIndex): string | null {
  let best: UserAction | null = null;
  const consider = (rating: UserAction) => {
    if ((rating.rating as number) < LIKE_THRESHOLD) return;
    if (best === null || compareRatings(rating, best) > 0) best = rating;
  };
  const liveLatest = latestRatings(fresh);
  for (const [itemId, rating] of liveLatest) {
    const archived = archive.latestRating.get(itemId);
    consider(archived && newestFirst(archived, rating) < 0 ? archived : rating);
  }
  // The archive's latest like whose item the live list did not rate again.
  const archived = archive.likedLatestFirst.find((a) => !liveLatest.has(a.itemId));
  if (archived) consider(archived);
  return (best as UserAction | null)?.itemId ?? null;
}

/**
 * The live recent history (nearline, newest) merged with the archive (BulkStore copy): an event in both counts
 * once, by (type, item, time). The last liked item is judged on each item's latest rating, as the offline tier
 * replaces a re-rating's earlier rating. The archive's sort and sets are computed once per archive value, so a
 * long archive costs a merge, not a sort, per request.
 */
export function mergeActions(live: readonly HistoryEntry[], archive: readonly UserAction[]): MergedActions {
  const index = indexOf(archive);
  const fresh = freshLiveActions(live, index);
  const seen = new Set(index.seen);
  for (const action of fresh) seen.add(action.itemId);
  return {
    actions: mergeSorted(fresh, index.newestFirst),
    seen,
    lastLiked: lastLikedOf(fresh, index),
  };
}
