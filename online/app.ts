import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { routePath } from "hono/route";
import { type Clock, systemClock } from "../core/clock.ts";
import { defaultsFor } from "../core/config/defaults.ts";
import { NotFoundError, StarlingError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { BulkStore, ControlStore, EventLog, FeatureCache } from "../core/ports/index.ts";
import { createCatalogReader } from "./catalog-reader.ts";
import { createEventIngestor, type EventIngestorOptions } from "./ingest/index.ts";
import type { OnlineServing } from "./online-serving.ts";
import { problemResponse } from "./problem.ts";
import { catalogRoutes } from "./routes/catalog.ts";
import { eventRoutes } from "./routes/events.ts";
import { healthRoutes } from "./routes/health.ts";
import { userStateRoutes } from "./routes/user-state.ts";
import { webRoutes } from "./web/web-routes.ts";

export interface AppDeps {
  readonly cache: FeatureCache;
  readonly bulk: BulkStore;
  readonly control: ControlStore;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  /** Where `POST /api/v1/events` appends; without it the route is not mounted. */
  readonly eventLog?: EventLog;
  /** Stamps ingested events; defaults to the system clock. */
  readonly clock?: Clock;
  /** Ids for events sent without one; defaults to random UUIDs. */
  readonly newId?: () => string;
  /** Batch size and acknowledgement deadline; defaults to the config defaults. */
  readonly ingest?: EventIngestorOptions;
  /** The recommendation request path, admin API and metrics; without it only catalogue and state reads exist. */
  readonly serving?: OnlineServing;
  /** Bearer token of `/admin` (empty: every admin call is refused). */
  readonly adminToken?: string;
  /** What `/metrics` serves when several processes share the port (their sum); this process's otherwise. */
  readonly metricsText?: () => Promise<string>;
}

/** The online tier's HTTP app; every dependency comes in through `deps`. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const catalog = createCatalogReader(deps);
  const tooLarge = new StarlingError(`request body over ${deps.bodyLimitBytes} bytes`, {
    code: "too_large",
    status: 413,
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: deps.bodyLimitBytes,
      onError: () => {
        throw tooLarge;
      },
    }),
  );
  if (deps.serving) {
    const histogram = deps.serving.metrics.requestSeconds;
    app.use("*", async (c, next) => {
      const started = performance.now();
      await next();
      // The route pattern, not the path: one series per endpoint however many ids are asked for.
      const route = routePath(c, -1);
      histogram.observe(
        { route, method: c.req.method, status: String(c.res.status) },
        (performance.now() - started) / 1000,
      );
    });
  }
  healthRoutes({ catalog })(app);
  catalogRoutes({ catalog, ...(deps.serving ? { snapshots: deps.serving.snapshots } : {}) })(app);
  userStateRoutes({ ...deps, clock: deps.clock ?? systemClock })(app);
  if (deps.eventLog) {
    const ingestor = createEventIngestor(
      {
        eventLog: deps.eventLog,
        clock: deps.clock ?? systemClock,
        newId: deps.newId ?? randomUUID,
        logger: deps.logger.child("ingest"),
      },
      deps.ingest ?? defaultsFor("embedded").ingest,
    );
    const serving = deps.serving;
    const onIngested = serving ? (ids: ReadonlySet<string>) => ids.forEach(serving.forgetUser) : undefined;
    eventRoutes({ ingestor, ...(onIngested ? { onIngested } : {}) })(app);
  }
  deps.serving?.mount(app, {
    token: deps.adminToken ?? "",
    ...(deps.metricsText ? { metricsText: deps.metricsText } : {}),
  });
  webRoutes()(app);
  app.notFound((c) =>
    problemResponse(c, new NotFoundError(`no route for ${c.req.method} ${c.req.path}`), deps.logger),
  );
  app.onError((error, c) => problemResponse(c, error, deps.logger));
  return app;
}
