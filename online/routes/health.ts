import type { Hono } from "hono";
import type { CatalogReader } from "../catalog-reader.ts";

/** Liveness and readiness: ready once a popularity version is published. */
export const healthRoutes = (deps: { catalog: CatalogReader }) => (app: Hono) => {
  app.get("/healthz", async (c) => {
    const version = await deps.catalog.activeVersion().catch(() => null);
    return c.json({ status: version === null ? "starting" : "ok", version }, version === null ? 503 : 200);
  });
};
