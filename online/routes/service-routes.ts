import type { Hono } from "hono";
import type { Registry } from "prom-client";
import { openApiDocument } from "../api/openapi.ts";
import type { Readiness } from "../readiness.ts";

/** `/readyz` (every dependency answering and a snapshot loaded), `/metrics` and `/openapi.json`. */
export const serviceRoutes =
  (deps: {
    registry: Registry;
    readiness: () => Promise<Readiness>;
    /** The text `/metrics` serves; this process's registry unless several processes share the port. */
    metricsText?: () => Promise<string>;
  }) =>
  (app: Hono) => {
    const document = openApiDocument();
    app.get("/openapi.json", (c) => c.json(document));
    app.get("/metrics", async (c) => {
      c.header("content-type", deps.registry.contentType);
      return c.body(await (deps.metricsText ?? (() => deps.registry.metrics()))());
    });
    app.get("/readyz", async (c) => {
      const readiness = await deps.readiness();
      return c.json(readiness, readiness.status === "not_ready" ? 503 : 200);
    });
  };
