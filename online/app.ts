import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { NotFoundError, StarlingError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { BulkStore, ControlStore, FeatureCache } from "../core/ports/index.ts";
import { createCatalogReader } from "./catalog-reader.ts";
import { problemResponse } from "./problem.ts";
import { catalogRoutes } from "./routes/catalog.ts";
import { healthRoutes } from "./routes/health.ts";

export interface AppDeps {
  readonly cache: FeatureCache;
  readonly bulk: BulkStore;
  readonly control: ControlStore;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
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
  healthRoutes({ catalog })(app);
  catalogRoutes({ catalog })(app);
  app.notFound((c) =>
    problemResponse(c, new NotFoundError(`no route for ${c.req.method} ${c.req.path}`), deps.logger),
  );
  app.onError((error, c) => problemResponse(c, error, deps.logger));
  return app;
}
