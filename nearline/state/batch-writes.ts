import { getOrCreate } from "../../core/get-or-create.ts";
import type { CacheWrite } from "../../core/ports/index.ts";
import { EPOCH_HALF_LIVES, trendingIncrement } from "../../core/trending.ts";
import {
  encodeHistoryEntry,
  encodeLikedEntry,
  encodeRunningMean,
  FEATURE_FIELDS,
  meanVector,
} from "../../core/user-state/index.ts";
import type { CacheKeys } from "../../schemas/index.ts";
import type { UserPatch } from "../handlers/user-patch.ts";
import type { UserState } from "./user-state.ts";

export interface WriteSettings {
  readonly keys: CacheKeys;
  readonly historySize: number;
  readonly likedSize: number;
  readonly userTtlMs: number;
  readonly dedupeMs: number;
  readonly trendingHalfLifeMs: number;
}

interface UserWrites {
  readonly history: string[];
  readonly liked: string[];
  /** Ids of the applied events: each gets a marker key, the nearline's memory of what it applied. */
  readonly events: string[];
  readonly counters: Map<string, number>;
}

const addTo = <K>(map: Map<K, number>, key: K, by: number) => map.set(key, (map.get(key) ?? 0) + by);

/**
 * Collects the patches of one batch and turns them into as few cache writes as possible: one list push per user
 * and list, one increment per counter, edge and trending member, and each changed vector once.
 */
export class BatchWrites {
  readonly #users = new Map<string, UserWrites>();
  /** from item → to item → added weight. */
  readonly #edges = new Map<string, Map<string, number>>();
  /** trending key → item → added score. */
  readonly #trending = new Map<string, Map<string, number>>();

  constructor(private readonly settings: WriteSettings) {}

  add(userId: string, patch: UserPatch): void {
    const user = getOrCreate(this.#users, userId, () => ({
      history: [],
      liked: [],
      events: [],
      counters: new Map(),
    }));
    user.history.push(encodeHistoryEntry(patch.history));
    user.events.push(patch.history.eventId);
    for (const [field, by] of patch.counters) addTo(user.counters, field, by);
    if (patch.liked) user.liked.push(encodeLikedEntry(patch.liked.itemId, patch.liked.timestamp));
    if (patch.edge) {
      const [from, to] = patch.edge;
      addTo(
        getOrCreate(this.#edges, from, () => new Map()),
        to,
        1,
      );
    }
    if (patch.trending) this.#addTrending(patch.trending.itemId, patch.trending.timestamp);
  }

  #addTrending(itemId: string, timestamp: number): void {
    const { epoch, weight } = trendingIncrement(timestamp, this.settings.trendingHalfLifeMs);
    const key = this.settings.keys.trendingEpoch(this.settings.trendingHalfLifeMs / 60_000, epoch);
    addTo(
      getOrCreate(this.#trending, key, () => new Map()),
      itemId,
      weight,
    );
  }

  /** Every write of the batch, given the users' states after their events and the embeddings version. */
  writes(states: ReadonlyMap<string, UserState>, version: string | null): CacheWrite[] {
    const out: CacheWrite[] = [];
    for (const [userId, user] of this.#users) {
      out.push(...this.#userWrites(userId, user, states.get(userId) as UserState, version));
    }
    for (const [from, targets] of this.#edges) {
      const key = this.settings.keys.itemNext(from);
      for (const [member, by] of targets) out.push({ op: "zincrby", key, member, by });
    }
    // Two epochs are read, so a key must outlive the next one.
    const ttlMs = 3 * EPOCH_HALF_LIVES * this.settings.trendingHalfLifeMs;
    for (const [key, members] of this.#trending) {
      let first = true;
      for (const [member, by] of members) {
        out.push(first ? { op: "zincrby", key, member, by, ttlMs } : { op: "zincrby", key, member, by });
        first = false;
      }
    }
    return out;
  }

  #userWrites(userId: string, user: UserWrites, state: UserState, version: string | null): CacheWrite[] {
    const { keys, userTtlMs: ttlMs } = this.settings;
    const feat = keys.userFeatures(userId);
    const out: CacheWrite[] = [
      {
        op: "lpush",
        key: keys.userHistory(userId),
        values: user.history,
        cap: this.settings.historySize,
        ttlMs,
      },
    ];
    for (const eventId of user.events)
      out.push({
        op: "set",
        key: keys.userEvent(userId, eventId),
        value: "1",
        ttlMs: this.settings.dedupeMs,
      });
    if (user.liked.length > 0) {
      const key = keys.userLiked(userId);
      out.push({ op: "lpush", key, values: user.liked, cap: this.settings.likedSize, ttlMs });
    }
    // Counters are written as totals in one HSET: only this consumer writes the user's hash (one partition
    // owns the user), and the checkpoint keeps a replayed batch from adding its changes twice.
    const fields: Record<string, string> = {};
    for (const [field, by] of user.counters) {
      if (by !== 0) fields[field] = String(Number(state.stored[field] ?? 0) + by);
    }
    if (state.lastRatingAt !== null) fields[FEATURE_FIELDS.lastRatingAt] = String(state.lastRatingAt);
    if (state.previousLiked !== null) fields[FEATURE_FIELDS.previousLiked] = state.previousLiked;
    if (state.previousLikedAt !== null)
      fields[FEATURE_FIELDS.previousLikedAt] = String(state.previousLikedAt);
    out.push({ op: "hset", key: feat, fields, ttlMs });
    if (version === null) return out;
    for (const model of state.changedMeans) {
      const mean = state.means.get(model);
      if (!mean) continue;
      out.push({
        op: "setVector",
        key: keys.userEmbeddingSums(userId, model, version),
        vector: encodeRunningMean(mean),
        ttlMs,
      });
      const vector = meanVector(mean);
      if (vector)
        out.push({ op: "setVector", key: keys.userEmbedding(userId, model, version), vector, ttlMs });
    }
    return out;
  }
}
