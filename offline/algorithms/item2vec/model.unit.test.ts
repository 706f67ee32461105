import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Item2VecModel, itemIndex } from "./model.ts";
import { similar } from "./similar.ts";
import { userEmbeddingMean, userEmbeddingRecency } from "./user-embedding.ts";

function modelOf(rows: Record<string, number[]>): Item2VecModel {
  const itemIds = Object.keys(rows);
  const dimension = (rows[itemIds[0] as string] as number[]).length;
  return { itemIds, dimension, vectors: Float32Array.from(Object.values(rows).flat()) };
}

const model = modelOf({
  a: [1, 0],
  b: [2, 0.5],
  c: [0, 1],
  d: [-1, 0],
  e: [0.5, 0.5],
  zero: [0, 0],
});

describe("similar", () => {
  it("ranks by cosine, best first, without the item itself", () => {
    const result = similar(model, "a", 6);
    assert.deepEqual(
      result.map((r) => r.itemId),
      ["b", "e", "c", "zero", "d"],
    );
    assert.ok(Math.abs((result[0]?.score as number) - 2 / Math.sqrt(4.25)) < 1e-6);
    assert.ok(Math.abs((result[1]?.score as number) - Math.SQRT1_2) < 1e-6);
    assert.equal(result[2]?.score, 0);
    assert.equal(result[4]?.score, -1);
  });

  it("keeps only the top k, with ties in row order", () => {
    assert.deepEqual(
      similar(model, "a", 2).map((r) => r.itemId),
      ["b", "e"],
    );
    assert.deepEqual(
      similar(model, "zero", 2).map((r) => r.itemId),
      ["a", "b"],
    );
  });

  it("returns [] for an unknown id or k <= 0", () => {
    assert.deepEqual(similar(model, "nope", 3), []);
    assert.deepEqual(similar(model, "a", 0), []);
  });
});

describe("itemIndex", () => {
  it("maps ids to rows and hands out a copy", () => {
    const index = itemIndex(model);
    assert.equal(index.get("c"), 2);
    index.delete("c");
    assert.equal(itemIndex(model).get("c"), 2);
  });
});

describe("user embeddings", () => {
  it("averages the known items, counting repeats", () => {
    assert.deepEqual(
      [...(userEmbeddingMean(model, ["a", "c", "unknown", "c"]) ?? [])],
      [1 / 3, 2 / 3].map(Math.fround),
    );
    assert.equal(userEmbeddingMean(model, ["unknown"]), null);
    assert.equal(userEmbeddingMean(model, []), null);
  });

  it("weights by half-life from the newest known item", () => {
    const items = [
      { itemId: "a", timestamp: 1000 },
      { itemId: "c", timestamp: 3000 },
      { itemId: "unknown", timestamp: 9000 },
    ];
    // weights: a 0.5^((3000-1000)/2000) = 0.5, c 1 -> (0.5*[1,0] + 1*[0,1]) / 1.5
    const result = userEmbeddingRecency(model, items, 2000);
    assert.deepEqual([...(result ?? [])], [1 / 3, 2 / 3].map(Math.fround));
    assert.equal(userEmbeddingRecency(model, [{ itemId: "unknown", timestamp: 1 }], 1000), null);
  });

  it("rejects a half-life that is not positive", () => {
    assert.throws(() => userEmbeddingRecency(model, [], 0), /halfLifeMs/);
  });
});
