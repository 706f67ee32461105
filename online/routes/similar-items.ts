import type { Hono } from "hono";
import { LshAnnIndex } from "../../core/ann/index.ts";
import { NotFoundError } from "../../core/errors.ts";
import { parseQuery } from "../api/parse-query.ts";
import { type SimilarMethod, similarQuery } from "../api/query-schemas.ts";
import type { ItemVectors, ServingSnapshot } from "../lookup/types.ts";
import { idParam } from "../query-params.ts";
import { describeItem } from "./describe-item.ts";

/** LSH over the Item2Vec vectors, built once per snapshot on first use: the approximate method to compare with. */
function lshOf(
  cache: WeakMap<ServingSnapshot, LshAnnIndex>,
  snapshot: ServingSnapshot,
  item2vec: ItemVectors,
) {
  let index = cache.get(snapshot);
  if (index === undefined) {
    const ids = [...item2vec.vectors.keys()];
    const flat = new Float32Array(ids.length * item2vec.dimension);
    for (const [row, id] of ids.entries())
      flat.set(item2vec.vectors.get(id) as Float32Array, row * item2vec.dimension);
    index = LshAnnIndex.build(ids, flat, item2vec.dimension);
    cache.set(snapshot, index);
  }
  return index;
}

/** `GET /api/v1/items/:id/similar`: nearest items by one embedding method, the behaviour graph, or LSH. */
export const similarItemRoutes =
  (deps: { snapshots: { current(): ServingSnapshot | null } }) => (app: Hono) => {
    const lshIndexes = new WeakMap<ServingSnapshot, LshAnnIndex>();

    function similar(snapshot: ServingSnapshot, itemId: string, method: SimilarMethod, k: number) {
      if (method === "graph")
        return snapshot.graphNext(itemId, k).map((n) => ({ itemId: n.itemId, score: n.weight }));
      const model = method === "lsh" ? "item2vec" : method;
      const vectors = snapshot.embeddings.get(model);
      const query = vectors?.vectors.get(itemId);
      if (vectors === undefined || query === undefined) return [];
      const exclude = new Set([itemId]);
      const hits =
        method === "lsh"
          ? lshOf(lshIndexes, snapshot, vectors).search(query, k, { exclude })
          : vectors.search(query, k, exclude);
      return hits.map((hit) => ({ itemId: hit.id, score: hit.score }));
    }

    app.get("/api/v1/items/:id/similar", (c) => {
      const itemId = idParam(c, "id");
      const { k, method } = parseQuery(c, similarQuery);
      const snapshot = deps.snapshots.current();
      if (snapshot === null || !snapshot.items.has(itemId)) {
        throw new NotFoundError(`no item with id "${itemId}" in the served catalogue`, "id");
      }
      const items = similar(snapshot, itemId, method, k)
        .filter((hit) => snapshot.items.has(hit.itemId))
        .map((hit) => ({ ...describeItem(snapshot, hit.itemId), score: hit.score }));
      return c.json({ itemId, method, version: snapshot.versions.embeddings, items });
    });
  };
