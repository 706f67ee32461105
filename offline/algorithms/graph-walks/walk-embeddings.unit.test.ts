import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_ITEM2VEC_PARAMS, type Item2VecParams, similar } from "../item2vec/index.ts";
import { deepWalkWalks } from "./deep-walk.ts";
import { node2vecWalks } from "./node2vec.ts";
import { twoCommunities } from "./test-graphs.fixture.ts";
import { trainWalkEmbeddings } from "./walk-embeddings.ts";

const graph = twoCommunities(12, 4);
const params: Item2VecParams = { ...DEFAULT_ITEM2VEC_PARAMS, dimension: 16, window: 3, epochs: 5 };
const community = (id: string) => id[0];

describe("trainWalkEmbeddings", () => {
  it("puts each node's nearest neighbours in its own community (DeepWalk)", async () => {
    const walks = deepWalkWalks(graph, { walks: 1500, walkLength: 10, seed: 2 });
    const model = await trainWalkEmbeddings(walks, params);
    assert.equal(model.itemIds.length, 24);
    for (const id of graph.nodes) {
      const nearest = similar(model, id, 5);
      assert.equal(nearest.length, 5);
      assert.ok(
        nearest.every((n) => community(n.itemId) === community(id)),
        `${id}: ${nearest.map((n) => n.itemId)}`,
      );
    }
  });

  it("does the same for Node2vec walks and is deterministic with one thread", async () => {
    const walks = node2vecWalks(graph, { walks: 1500, walkLength: 10, p: 1, q: 0.5, seed: 2 });
    const model = await trainWalkEmbeddings(walks, params);
    const again = await trainWalkEmbeddings(walks, params);
    assert.deepEqual(again.vectors, model.vectors);
    const pure = graph.nodes.filter((id) =>
      similar(model, id, 5).every((n) => community(n.itemId) === community(id)),
    );
    assert.equal(pure.length, 24);
  });
});
