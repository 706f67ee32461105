import type { Hono } from "hono";
import { StarlingError } from "../../core/errors.ts";
import type { CatalogReader } from "../catalog-reader.ts";
import { NOT_PUBLISHED } from "../published-lookups.ts";

/** Readiness: `ok` once a popularity version is published, `starting` before, `unavailable` when stores fail. */
export const healthRoutes = (deps: { catalog: CatalogReader }) => (app: Hono) => {
  app.get("/healthz", async (c) => {
    try {
      const version = await deps.catalog.activeVersion();
      return c.json({ status: "ok", version });
    } catch (error) {
      const starting = error instanceof StarlingError && error.code === NOT_PUBLISHED;
      const detail = (error as Error).message;
      return c.json({ status: starting ? "starting" : "unavailable", version: null, detail }, 503);
    }
  });
};
