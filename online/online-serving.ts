import type { Hono } from "hono";
import type { Clock } from "../core/clock.ts";
import type { OnlineConfig } from "../core/config/online-schema.ts";
import type { Logger } from "../core/logger.ts";
import type {
  AnnIndexFactory,
  BulkStore,
  ControlStore,
  EventLog,
  FeatureCache,
} from "../core/ports/index.ts";
import { createExperimentRegistry } from "./experiments/experiment-registry.ts";
import { createImpressionLogger } from "./experiments/impression-logger.ts";
import { createSnapshotHolder, createUserProfileLoader } from "./lookup/index.ts";
import { createOnlineMetrics } from "./online-metrics.ts";
import { createRankingPipeline } from "./ranking-pipeline.ts";
import { createReadiness } from "./readiness.ts";
import { createChannels } from "./recall/channels.ts";
import { sortedSetReader } from "./recall/sorted-set-reader.ts";
import { createRecommender } from "./recommend/recommender.ts";
import type { RecommendRequest } from "./recommend/types.ts";
import { createBreakerGuard } from "./resilience/breaker-guard.ts";
import { DEPENDENCIES } from "./resilience/types.ts";
import { createResponseCache } from "./response-cache.ts";
import { type AdminDeps, adminRoutes } from "./routes/admin.ts";
import { recommendationRoutes } from "./routes/recommendations.ts";
import { serviceRoutes } from "./routes/service-routes.ts";
import { similarItemRoutes } from "./routes/similar-items.ts";
import { trendingRoutes } from "./routes/trending.ts";
import { userProfileRoutes } from "./routes/user-profile.ts";

export interface OnlineServingDeps {
  readonly cache: FeatureCache;
  readonly bulk: BulkStore;
  readonly control: ControlStore;
  readonly eventLog: EventLog;
  /** Loads the published HNSW indexes (infra/ann, injected by bin). */
  readonly ann: AnnIndexFactory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
  /** Admin actions that run jobs of the offline tier, wired by bin. */
  readonly retrain: AdminDeps["retrain"];
  readonly rollback: AdminDeps["rollback"];
}

export interface OnlineServingSettings extends OnlineConfig {
  /** The nearline's trending half-life: the counters' key names and decay depend on it. */
  readonly trendingHalfLifeMinutes: number;
  /** What each ranker channel recalled in training (offline.ranker.candidatesPerChannel). */
  readonly candidatesPerChannel: number;
}

/** Budget of control reads made in the background (snapshot polls, experiments). */
const CONTROL_TIMEOUT_MS = 2000;
const IMPRESSIONS_IN_FLIGHT = 1000;

const breakerLevel = { closed: 0, halfOpen: 0.5, open: 1 } as const;

/**
 * The online tier's request path, assembled: breakers, the serving snapshot, the user lookup, recall channels,
 * rankers, experiments, response cache and impression log; `mount` adds its routes to an app.
 */
export function createOnlineServing(deps: OnlineServingDeps, settings: OnlineServingSettings) {
  // Read at scrape time, after the objects below exist.
  const metrics = createOnlineMetrics({
    impressions: () => ({ ...impressions.counts() }),
    snapshot: () => snapshots.current(),
  });
  const guard = createBreakerGuard({
    errorThresholdPercent: settings.breakerErrorPercent,
    resetTimeoutMs: settings.breakerResetMs,
    onStateChange: (dependency, state) => {
      metrics.breakerOpen.set({ dependency }, breakerLevel[state]);
      deps.logger.warn("circuit breaker changed state", { dependency, state });
    },
  });
  for (const dependency of DEPENDENCIES) metrics.breakerOpen.set({ dependency }, 0);
  const snapshots = createSnapshotHolder(
    { bulk: deps.bulk, control: deps.control, ann: deps.ann, clock: deps.clock, logger: deps.logger, guard },
    { refreshMs: settings.refreshMs, controlTimeoutMs: CONTROL_TIMEOUT_MS },
  );
  const users = createUserProfileLoader({
    cache: deps.cache,
    bulk: deps.bulk,
    guard,
    clock: deps.clock,
    snapshot: () => snapshots.current(),
    settings,
    metrics: {
      onOutcome: (lookup, outcome, tier) =>
        metrics.tierOutcomes.inc({ lookup, outcome, tier: tier ?? outcome }),
    },
  });
  const readSets = sortedSetReader(deps.cache);
  const channels = createChannels({
    // Sorted-set reads of the trending and graph channels get what is left of the recall budget, via the guard.
    readSortedSets: (keys, count, signal) =>
      guard.call("cache", () => readSets(keys, count, signal), settings.deadlineMs),
    trendingHalfLifeMinutes: settings.trendingHalfLifeMinutes,
  });
  const experiments = createExperimentRegistry(
    { control: deps.control, guard, logger: deps.logger },
    { refreshMs: settings.refreshMs, timeoutMs: CONTROL_TIMEOUT_MS },
  );
  const responses = createResponseCache<Awaited<ReturnType<typeof recommender.recommend>>>({
    maxEntries: settings.responseCacheEntries,
    ttlMs: settings.responseCacheTtlMs,
    clock: deps.clock,
  });
  const impressions = createImpressionLogger(
    { eventLog: deps.eventLog, guard, clock: deps.clock, newId: deps.newId, logger: deps.logger },
    { maxInFlight: IMPRESSIONS_IN_FLIGHT, timeoutMs: CONTROL_TIMEOUT_MS },
  );
  const recommender = createRecommender({
    snapshots,
    users,
    pipeline: createRankingPipeline(channels, settings.candidatesPerChannel),
    experiments,
    clock: deps.clock,
    logger: deps.logger,
    deadlineMs: settings.deadlineMs,
    maxInFlight: settings.maxInFlight,
    onStage: (stage, seconds) => metrics.recallSeconds.observe({ stage }, seconds),
  });
  const cacheParams = (r: RecommendRequest) => ({
    k: r.k,
    model: r.model,
    exclude: r.exclude,
    explain: r.explain,
  });

  /** Drops what this process remembers of a user, so their next request shows their newest events. */
  const forgetUser = (userId: string) => {
    users.invalidate(userId);
    responses.invalidateUser(userId);
  };

  return {
    metrics,
    snapshots,
    forgetUser,
    async start(): Promise<void> {
      await Promise.all([snapshots.start(), experiments.start()]);
    },
    async stop(): Promise<void> {
      experiments.stop();
      await snapshots.stop();
      await Promise.all([users.flush(), impressions.flush()]);
      guard.close();
    },
    mount(app: Hono, options: { token: string; metricsText?: () => Promise<string> }): void {
      recommendationRoutes({
        recommender,
        snapshots,
        responses: {
          get: (request) => {
            const hit = responses.get(request.userId, cacheParams(request));
            metrics.responseCache.inc({ outcome: hit ? "hit" : "miss" });
            return hit;
          },
          set: (request, answer) => responses.set(request.userId, cacheParams(request), answer),
        },
        logImpression: (answer, requestId) => {
          if (!settings.logImpressions || answer.items.length === 0) return;
          impressions.log({
            requestId,
            userId: answer.userId,
            itemIds: answer.items.map((item) => item.itemId),
            modelVersion: answer.modelVersion,
            experiment: answer.experiment,
          });
        },
        onAnswer: (answer) => {
          for (const reason of new Set(answer.degradedReasons)) metrics.degraded.inc({ reason });
        },
        newId: deps.newId,
      })(app);
      userProfileRoutes({ users, snapshots, timeoutMs: settings.deadlineMs })(app);
      similarItemRoutes({ snapshots })(app);
      trendingRoutes({ channels, snapshots, clock: deps.clock, timeoutMs: settings.deadlineMs })(app);
      serviceRoutes({
        registry: metrics.registry,
        readiness: createReadiness({ ...deps, guard, snapshots }),
        ...(options.metricsText ? { metricsText: options.metricsText } : {}),
      })(app);
      adminRoutes({
        token: options.token,
        control: deps.control,
        guard,
        logger: deps.logger,
        retrain: deps.retrain,
        rollback: deps.rollback,
        onControlChange: async () => {
          await Promise.all([snapshots.refreshNow(), experiments.refresh()]);
          responses.clear();
        },
      })(app);
    },
  };
}

export type OnlineServing = ReturnType<typeof createOnlineServing>;
