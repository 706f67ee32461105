import type { StarlingEvent } from "../../schemas/index.ts";
import { clickPatch, type HandlerContext, ratingPatch, type UserPatch } from "../handlers/user-patch.ts";
import type { ItemVectors } from "../item-data/item-vectors.ts";
import type { BatchWrites } from "./batch-writes.ts";
import { addLikedToMeans } from "./embedding-means.ts";
import type { UserState } from "./user-state.ts";

export interface ApplyContext extends HandlerContext {
  readonly vectors: ItemVectors | null;
  readonly recencyHalfLifeMs: number;
}

/** Moves a user's in-memory state past one patch, so the next event of the batch sees it. */
function advance(state: UserState, patch: UserPatch, context: ApplyContext): void {
  state.seen.add(patch.history.eventId);
  if (patch.ratedAt !== undefined && (state.lastRatingAt === null || patch.ratedAt > state.lastRatingAt)) {
    state.lastRatingAt = patch.ratedAt;
  }
  if (!patch.liked) return;
  state.previousLiked = patch.liked.itemId;
  state.previousLikedAt = patch.liked.timestamp;
  if (!context.vectors) return;
  for (const model of addLikedToMeans(state.means, patch.liked, context.vectors, context.recencyHalfLifeMs)) {
    state.changedMeans.add(model);
  }
}

/** Brings a fresh user's state up to their stored history before the batch's events apply. */
export function applySeed(
  state: UserState,
  patches: readonly UserPatch[],
  writes: BatchWrites,
  context: ApplyContext,
): void {
  for (const patch of patches) {
    advance(state, patch, context);
    writes.add(state.userId, patch);
  }
}

/**
 * Applies ratings and clicks in log order: each through its pure handler, then into the user's state and the
 * batch's writes. An event whose id the user's recent history already holds is a duplicate and changes nothing.
 */
export function applyEvents(
  events: readonly StarlingEvent[],
  states: ReadonlyMap<string, UserState>,
  writes: BatchWrites,
  context: ApplyContext,
): { applied: StarlingEvent[]; duplicates: number } {
  const applied: StarlingEvent[] = [];
  let duplicates = 0;
  for (const event of events) {
    const state = states.get(event.userId) as UserState;
    if (state.seen.has(event.eventId)) {
      duplicates += 1;
      continue;
    }
    let patch: UserPatch;
    if (event.type === "rating") patch = ratingPatch(event, state, context);
    else if (event.type === "click") patch = clickPatch(event);
    else continue;
    advance(state, patch, context);
    writes.add(event.userId, patch);
    applied.push(event);
  }
  return { applied, duplicates };
}
