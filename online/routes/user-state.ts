import type { Hono } from "hono";
import type { Clock } from "../../core/clock.ts";
import type { ControlStore, FeatureCache } from "../../core/ports/index.ts";
import { cacheKeys } from "../../schemas/index.ts";
import { MAX_K } from "../api/query-schemas.ts";
import { idParam, intQuery } from "../query-params.ts";
import { readUserState } from "../user-state-reader.ts";

/**
 * `GET /api/v1/users/:id/state`: the user's live nearline state (history, features, embeddings, graph);
 * `GET /api/v1/items/:id/next`: the item's live behaviour-graph successors.
 */
export const userStateRoutes =
  (deps: { cache: FeatureCache; control: ControlStore; clock: Clock }) => (app: Hono) => {
    app.get("/api/v1/users/:id/state", async (c) => c.json(await readUserState(deps, idParam(c, "id"))));
    app.get("/api/v1/items/:id/next", async (c) => {
      const itemId = idParam(c, "id");
      const k = intQuery(c, "k", { min: 1, max: MAX_K, fallback: 20 });
      const next = await deps.cache.zrevrange(cacheKeys().itemNext(itemId), 0, k - 1);
      return c.json({ itemId, items: next.map((n) => ({ itemId: n.member, weight: n.score })) });
    });
  };
