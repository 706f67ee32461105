import { getOrCreate } from "../../core/get-or-create.ts";
import type { FeatureCache } from "../../core/ports/index.ts";
import {
  decodeLikedEntry,
  decodeRunningMean,
  FEATURE_FIELDS,
  type RunningMean,
} from "../../core/user-state/index.ts";
import type { CacheKeys } from "../../schemas/index.ts";
import type { ItemVectors } from "../item-data/item-vectors.ts";
import { addLikedToMeans, emptyMeans } from "./embedding-means.ts";
import { emptyUserState, type UserState } from "./user-state.ts";

export interface ReadSettings {
  readonly keys: CacheKeys;
  readonly recencyHalfLifeMs: number;
}

const finiteOrNull = (text: string | undefined): number | null => {
  const value = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(value) ? value : null;
};

/**
 * The stored state of each user of these events, read with a few pipelined calls: features, which of the events
 * were applied before, and embedding sums (rebuilt from the liked list when missing).
 */
export async function readUserStates(
  cache: FeatureCache,
  events: readonly { readonly userId: string; readonly eventId: string }[],
  vectors: ItemVectors | null,
  settings: ReadSettings,
): Promise<Map<string, UserState>> {
  const { keys } = settings;
  const userIds = [...new Set(events.map((e) => e.userId))];
  const [hashes, applied, sums] = await Promise.all([
    Promise.all(userIds.map((id) => cache.hgetall(keys.userFeatures(id)))),
    cache.mget(events.map((e) => keys.userEvent(e.userId, e.eventId))),
    vectors ? readSums(cache, userIds, vectors, keys) : Promise.resolve([]),
  ]);
  const states = new Map<string, UserState>();
  const seen = new Map<string, string[]>();
  events.forEach((e, i) => {
    if (applied[i] !== null) getOrCreate(seen, e.userId, () => []).push(e.eventId);
  });
  const rebuild: UserState[] = [];
  userIds.forEach((userId, u) => {
    const state = emptyUserState(userId);
    for (const eventId of seen.get(userId) ?? []) state.seen.add(eventId);
    const hash = hashes[u] as Record<string, string>;
    state.previousLiked = hash[FEATURE_FIELDS.previousLiked] ?? null;
    state.previousLikedAt = finiteOrNull(hash[FEATURE_FIELDS.previousLikedAt]);
    state.lastRatingAt = finiteOrNull(hash[FEATURE_FIELDS.lastRatingAt]);
    state.stored = hash;
    state.fresh = Object.keys(hash).length === 0;
    if (vectors) {
      const found = sums[u] as (RunningMean | null)[];
      vectors.models.forEach((m, i) => {
        const mean = found[i];
        if (mean) state.means.set(m.model, mean);
      });
      if (state.means.size < vectors.models.length) rebuild.push(state);
    }
    states.set(userId, state);
  });
  if (vectors && rebuild.length > 0) await rebuildMeans(cache, rebuild, vectors, settings);
  return states;
}

async function readSums(
  cache: FeatureCache,
  userIds: readonly string[],
  vectors: ItemVectors,
  keys: CacheKeys,
): Promise<(RunningMean | null)[][]> {
  const { models, version, tables } = vectors;
  const sumKeys = userIds.flatMap((id) => models.map((m) => keys.userEmbeddingSums(id, m.model, version)));
  const values = await cache.mgetVectors(sumKeys);
  return userIds.map((_, u) =>
    models.map((m, i) => {
      const value = values[u * models.length + i];
      const dimension = tables.get(m.source)?.dimension ?? 0;
      return value ? decodeRunningMean(value, dimension) : null;
    }),
  );
}

/**
 * Sums missing for this version (a new version, or a new user) are rebuilt from the user's liked list, oldest
 * first, so they equal what the offline tier computes from the same likes.
 */
async function rebuildMeans(
  cache: FeatureCache,
  states: readonly UserState[],
  vectors: ItemVectors,
  settings: ReadSettings,
): Promise<void> {
  const lists = await Promise.all(states.map((s) => cache.lrange(settings.keys.userLiked(s.userId), 0, -1)));
  states.forEach((state, u) => {
    const missing = vectors.models.filter((m) => !state.means.has(m.model));
    const means = emptyMeans(missing, vectors);
    const liked = (lists[u] as string[]).map(decodeLikedEntry).reverse();
    for (const entry of liked) if (entry) addLikedToMeans(means, entry, vectors, settings.recencyHalfLifeMs);
    for (const [model, mean] of means) {
      state.means.set(model, mean);
      state.changedMeans.add(model);
    }
  });
}
