import type { Hono } from "hono";
import type { ServingSnapshot } from "../lookup/types.ts";
import { idParam } from "../query-params.ts";
import type { UserProfileSource } from "../recommend/types.ts";
import { describeItem } from "./describe-item.ts";

const HISTORY_SHOWN = 50;
const TOP_GENRES = 5;

/** `GET /api/v1/users/:id`: history, top genres and embedding version; an unknown user is a cold start, not 404. */
export const userProfileRoutes =
  (deps: { users: UserProfileSource; snapshots: { current(): ServingSnapshot | null }; timeoutMs: number }) =>
  (app: Hono) => {
    app.get("/api/v1/users/:id", async (c) => {
      const userId = idParam(c, "id");
      const snapshot = deps.snapshots.current();
      const profile = await deps.users.load(userId, { timeoutMs: deps.timeoutMs });
      const shares = Object.entries(profile.features?.genreLikedShare ?? {});
      const topGenres = shares
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, TOP_GENRES)
        .map(([genre, share]) => ({ genre, share }));
      return c.json({
        userId,
        coldStart: profile.actions.length === 0 && profile.embeddings.size === 0,
        degraded: profile.failures.length > 0,
        degradedReasons: profile.failures,
        embeddingVersion: profile.embeddings.size > 0 ? (snapshot?.versions.embeddings ?? null) : null,
        history: profile.actions.slice(0, HISTORY_SHOWN).map((action) => ({
          ...describeItem(snapshot, action.itemId),
          type: action.type,
          rating: action.rating,
          timestamp: action.timestamp,
        })),
        topGenres,
      });
    });
  };
