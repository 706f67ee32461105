import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { transposeCsr } from "./csr.ts";
import { buildInteractions } from "./interactions.ts";

const rows = [
  { userId: "alice", itemId: "m2", rating: 5 },
  { userId: "bob", itemId: "m1", rating: 2 },
  { userId: "alice", itemId: "m1", rating: 3.5 },
  { userId: "carol", itemId: "m3", rating: 1 },
  { userId: "alice", itemId: "m2", rating: 4 },
];

describe("buildInteractions", () => {
  it("numbers ids by first appearance and lays out both directions with value 1 per pair", () => {
    const interactions = buildInteractions(rows);
    assert.deepEqual(interactions.userIds, ["alice", "bob", "carol"]);
    assert.deepEqual(interactions.itemIds, ["m2", "m1", "m3"]);
    // alice: m2 (re-rated, still one pair) and m1; bob: m1; carol: m3. Columns ascend within a row.
    assert.deepEqual(interactions.userItems.offsets, Int32Array.of(0, 2, 3, 4));
    assert.deepEqual(interactions.userItems.indices, Int32Array.of(0, 1, 1, 2));
    assert.deepEqual(interactions.userItems.values, Float32Array.of(1, 1, 1, 1));
    assert.deepEqual(interactions.itemUsers.offsets, Int32Array.of(0, 1, 3, 4));
    assert.deepEqual(interactions.itemUsers.indices, Int32Array.of(0, 0, 1, 2));
    assert.deepEqual(interactions.itemUsers.values, Float32Array.of(1, 1, 1, 1));
  });

  it("keeps only ratings at or above minRating, dropping users and items left with none", () => {
    const interactions = buildInteractions(rows, { minRating: 3.5 });
    assert.deepEqual(interactions.userIds, ["alice"]);
    assert.deepEqual(interactions.itemIds, ["m2", "m1"]);
    assert.deepEqual(interactions.userItems.offsets, Int32Array.of(0, 2));
    assert.deepEqual(interactions.userItems.indices, Int32Array.of(0, 1));
    assert.deepEqual(interactions.itemUsers.indices, Int32Array.of(0, 0));
  });

  it("gives each pair the strength of its strongest rating", () => {
    const liked = (rating: number) => (rating >= 3.5 ? 1 : 0.1);
    const interactions = buildInteractions(rows, { strength: liked });
    // alice: m2 (5 then 4: 1), m1 (3.5: 1); bob: m1 (2: 0.1); carol: m3 (1: 0.1).
    assert.deepEqual(interactions.userItems.values, Float32Array.of(1, 1, 0.1, 0.1));
    assert.deepEqual(interactions.itemUsers.values, Float32Array.of(1, 1, 0.1, 0.1));
  });

  it("builds empty matrices from no ratings", () => {
    const interactions = buildInteractions([]);
    assert.deepEqual(interactions.userItems.offsets, Int32Array.of(0));
    assert.equal(interactions.itemUsers.indices.length, 0);
  });
});

describe("transposeCsr", () => {
  it("transposes values too and is its own inverse", () => {
    const csr = {
      offsets: Int32Array.of(0, 2, 2, 3),
      indices: Int32Array.of(1, 3, 0),
      values: Float32Array.of(0.5, 2, 7),
    };
    const transposed = transposeCsr(csr, 4);
    assert.deepEqual(transposed.offsets, Int32Array.of(0, 1, 2, 2, 3));
    assert.deepEqual(transposed.indices, Int32Array.of(2, 0, 0));
    assert.deepEqual(transposed.values, Float32Array.of(7, 0.5, 2));
    assert.deepEqual(transposeCsr(transposed, 3), csr);
  });
});
