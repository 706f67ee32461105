import type { Hono } from "hono";
import { NotFoundError } from "../../core/errors.ts";
import { parseQuery } from "../api/parse-query.ts";
import { genreItemsQuery } from "../api/query-schemas.ts";
import type { CatalogReader } from "../catalog-reader.ts";
import type { ServingSnapshot } from "../lookup/types.ts";
import { genreParam, idParam } from "../query-params.ts";

/** Ids of a genre's items in the snapshot's popularity or release order, first `k`. */
function snapshotOrder(snapshot: ServingSnapshot, genre: string, sort: "popularity" | "recent", k: number) {
  const ordered = sort === "popularity" ? snapshot.popular.map((p) => p.itemId) : snapshot.recentReleases;
  const ids: string[] = [];
  for (const itemId of ordered) {
    if (ids.length >= k) break;
    const item = snapshot.items.get(itemId);
    if (item?.eligible && item.genres.includes(genre)) ids.push(itemId);
  }
  return ids;
}

/** Item details and per-genre lists (by rating from the published top lists; by popularity or year from memory). */
export const catalogRoutes =
  (deps: { catalog: CatalogReader; snapshots?: { current(): ServingSnapshot | null } }) => (app: Hono) => {
    app.get("/api/v1/items/:id", async (c) => {
      const { version, item } = await deps.catalog.item(idParam(c, "id"));
      return c.json({ version, item });
    });

    app.get("/api/v1/genres", async (c) => c.json({ genres: await deps.catalog.genres() }));

    app.get("/api/v1/genres/:genre/items", async (c) => {
      const genre = genreParam(c, "genre");
      const { k, sort } = parseQuery(c, genreItemsQuery);
      const snapshot = deps.snapshots?.current() ?? null;
      if (sort === "rating" || snapshot === null) {
        const { version, items } = await deps.catalog.topOfGenre(genre, k);
        return c.json({ genre, k, sort: "rating", version, items });
      }
      if (!(await deps.catalog.genres()).includes(genre)) {
        throw new NotFoundError(`no genre named "${genre}"; GET /api/v1/genres lists them`, "genre");
      }
      const { version, items } = await deps.catalog.itemsById(snapshotOrder(snapshot, genre, sort, k));
      return c.json({ genre, k, sort, version, items });
    });
  };
