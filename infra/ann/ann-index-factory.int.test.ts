import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clusteredVectors, decodeAnnFile, encodeAnnFile } from "../../core/ann/index.ts";
import { StarlingError, ValidationError } from "../../core/errors.ts";
import type { AnnKind } from "../../core/ports/ann-index.ts";
import { createAnnIndexFactory } from "./ann-index-factory.ts";

const dimension = 16;
const size = 800;
const vectors = clusteredVectors({ count: size, dimension, clusters: 8, spread: 0.5, seed: 4 });
const ids = Array.from({ length: size }, (_, i) => `m${i}`);
const queries = Array.from({ length: 15 }, (_, i) =>
  vectors.subarray(i * 50 * dimension, (i * 50 + 1) * dimension),
);
const kinds: AnnKind[] = ["exact", "lsh", "hnsw"];
const factory = createAnnIndexFactory({ lsh: { tables: 12, bucketLength: 0.3, projectionsPerTable: 4 } });

const isCorrupt = (error: unknown) => error instanceof StarlingError && error.code === "corrupt_value";

describe("createAnnIndexFactory", () => {
  for (const kind of kinds) {
    it(`${kind}: load(serialize()) answers every query identically`, () => {
      const index = factory.build(kind, ids, vectors, dimension);
      const loaded = factory.load(index.serialize());
      assert.equal(loaded.kind, kind);
      assert.equal(loaded.size, size);
      assert.equal(loaded.dimension, dimension);
      for (const [i, query] of queries.entries()) {
        const exclude = new Set([`m${i * 50}`]);
        const hits = index.search(query, 10, { exclude });
        assert.ok(hits.length > 0 && hits.every((hit) => hit.id !== `m${i * 50}`));
        assert.deepEqual(loaded.search(query, 10, { exclude }), hits);
      }
    });

    it(`${kind}: rejects altered and truncated bytes`, () => {
      const bytes = factory
        .build(kind, ids.slice(0, 50), vectors.subarray(0, 50 * dimension), dimension)
        .serialize();
      const flipped = new Uint8Array(bytes);
      flipped[bytes.length >> 1] = (flipped[bytes.length >> 1] as number) ^ 0xff;
      assert.throws(() => factory.load(flipped), isCorrupt);
      assert.throws(() => factory.load(bytes.subarray(0, bytes.length - 1)), isCorrupt);
    });
  }

  it("applies its defaults under the build's own parameters", () => {
    const lsh = factory.build("lsh", ids, vectors, dimension, { tables: 3 });
    assert.deepEqual(decodeAnnFile(lsh.serialize()).params, {
      bucketLength: 0.3,
      tables: 3,
      projectionsPerTable: 4,
      seed: 1,
    });
  });

  it("rejects a well-formed file whose kind-specific content is wrong", () => {
    const file = decodeAnnFile(factory.build("lsh", ids, vectors, dimension).serialize());
    assert.throws(() => factory.load(encodeAnnFile({ ...file, blobs: file.blobs.slice(0, 1) })), isCorrupt);
    assert.throws(() => factory.load(encodeAnnFile({ ...file, params: { tables: 3 } })), isCorrupt);
    const negative = { ...(file.params as object), tables: -1 };
    assert.throws(() => factory.load(encodeAnnFile({ ...file, params: negative })), isCorrupt);
    assert.throws(() => factory.load(encodeAnnFile({ ...file, kind: "exact", blobs: [] })), isCorrupt);
    const graph = new Uint8Array(64).fill(7);
    const hnswParams = { M: 16, efConstruction: 200, ef: 50, seed: 1 };
    assert.throws(
      () => factory.load(encodeAnnFile({ ...file, kind: "hnsw", params: hnswParams, blobs: [graph] })),
      isCorrupt,
    );
  });

  it("rejects an unknown kind and bad vectors with a ValidationError", () => {
    assert.throws(
      () => factory.build("annoy" as AnnKind, ids, vectors, dimension),
      (error: unknown) => error instanceof ValidationError && error.field === "kind",
    );
    assert.throws(
      () => factory.build("hnsw", ids, vectors.subarray(1), dimension),
      (error: unknown) => error instanceof ValidationError && error.field === "vectors",
    );
  });
});
