import type { Hono } from "hono";
import { parseQuery } from "../api/parse-query.ts";
import { recommendationsQuery } from "../api/query-schemas.ts";
import type { ServingSnapshot } from "../lookup/types.ts";
import { idParam } from "../query-params.ts";
import type { Recommendation, Recommender } from "../recommend/recommender.ts";
import type { RecommendRequest } from "../recommend/types.ts";
import { describeItem } from "./describe-item.ts";

export interface RecommendationRouteDeps {
  readonly recommender: Recommender;
  readonly snapshots: { current(): ServingSnapshot | null };
  /** Per-(user, parameters) reuse of answers for a short time. */
  readonly responses: {
    get(request: RecommendRequest): Recommendation | undefined;
    set(request: RecommendRequest, answer: Recommendation): void;
  };
  /** Logs the served list as an impression; never throws and never waits for the log. */
  readonly logImpression: (answer: Recommendation, requestId: string) => void;
  readonly onAnswer?: (answer: Recommendation, fromCache: boolean) => void;
  readonly newId: () => string;
}

/** `GET /api/v1/users/:id/recommendations`: unknown users get a cold-start list, never a 404. */
export const recommendationRoutes = (deps: RecommendationRouteDeps) => (app: Hono) => {
  app.get("/api/v1/users/:id/recommendations", async (c) => {
    const userId = idParam(c, "id");
    const query = parseQuery(c, recommendationsQuery);
    const request: RecommendRequest = {
      userId,
      k: query.k,
      exclude: query.exclude,
      explain: query.explain,
      ...(query.model ? { model: query.model } : {}),
    };
    const cached = deps.responses.get(request);
    const answer = cached ?? (await deps.recommender.recommend(request));
    if (cached === undefined && answer.degradedReasons.length === 0) deps.responses.set(request, answer);
    deps.onAnswer?.(answer, cached !== undefined);
    const requestId = deps.newId();
    deps.logImpression(answer, requestId);
    const snapshot = deps.snapshots.current();
    return c.json({
      userId: answer.userId,
      k: answer.k,
      requestId,
      model: answer.model,
      modelVersion: answer.modelVersion,
      coldStart: answer.coldStart,
      degraded: answer.degradedReasons.length > 0,
      degradedReasons: [...new Set(answer.degradedReasons)],
      experiment: answer.experiment,
      items: answer.items.map((item) => ({
        ...describeItem(snapshot, item.itemId),
        score: item.score,
        channels: item.channels,
        ...(item.explain ? { explain: item.explain } : {}),
      })),
    });
  });
};
