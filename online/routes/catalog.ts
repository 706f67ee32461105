import type { Hono } from "hono";
import type { CatalogReader } from "../catalog-reader.ts";
import { genreParam, idParam, intQuery } from "../query-params.ts";

export const MAX_K = 100;

/** Item details and per-genre top lists. */
export const catalogRoutes = (deps: { catalog: CatalogReader }) => (app: Hono) => {
  app.get("/api/v1/items/:id", async (c) => {
    const { version, item } = await deps.catalog.item(idParam(c, "id"));
    return c.json({ version, item });
  });

  app.get("/api/v1/genres", async (c) => c.json({ genres: await deps.catalog.genres() }));

  app.get("/api/v1/genres/:genre/items", async (c) => {
    const genre = genreParam(c, "genre");
    const k = intQuery(c, "k", { min: 1, max: MAX_K, fallback: 10 });
    const { version, items } = await deps.catalog.topOfGenre(genre, k);
    return c.json({ genre, k, version, items });
  });
};
