import type { Hono } from "hono";
import type { Clock } from "../../core/clock.ts";
import { parseQuery } from "../api/parse-query.ts";
import { kOnlyQuery } from "../api/query-schemas.ts";
import type { ServingSnapshot } from "../lookup/types.ts";
import { CHANNEL_NAMES } from "../recall/channels.ts";
import { failureReason } from "../recall/failure-reason.ts";
import type { RecallChannel } from "../recall/types.ts";
import { emptyProfile } from "../recommend/empty-profile.ts";
import { describeItem } from "./describe-item.ts";

/** `GET /api/v1/trending`: the nearline's decayed counters; an unreachable cache gives an empty, degraded list. */
export const trendingRoutes =
  (deps: {
    channels: ReadonlyMap<string, RecallChannel>;
    snapshots: { current(): ServingSnapshot | null };
    clock: Clock;
    timeoutMs: number;
  }) =>
  (app: Hono) => {
    app.get("/api/v1/trending", async (c) => {
      const { k } = parseQuery(c, kOnlyQuery);
      const snapshot = deps.snapshots.current();
      const channel = deps.channels.get(CHANNEL_NAMES.trending);
      const reasons: string[] = [];
      let hits: { itemId: string; score: number }[] = [];
      if (snapshot !== null && channel !== undefined) {
        const context = {
          snapshot,
          user: emptyProfile("trending", "none"),
          now: deps.clock.now(),
          signal: AbortSignal.timeout(deps.timeoutMs),
          reportFailure: (reason: string) => reasons.push(reason),
        };
        try {
          hits = await channel.recall(context, k);
        } catch (error) {
          reasons.push(`trending:${failureReason(error)}`);
        }
      }
      return c.json({
        k,
        degraded: reasons.length > 0,
        degradedReasons: reasons,
        items: hits
          .filter((hit) => snapshot?.items.get(hit.itemId)?.eligible === true)
          .map((hit) => ({ ...describeItem(snapshot, hit.itemId), score: hit.score })),
      });
    });
  };
