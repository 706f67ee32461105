import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createSqliteBulkStore } from "../../../infra/embedded/bulk-store/index.ts";
import { chunkedEntries, readChunked } from "./chunked-bytes.ts";

describe("chunked artifact bytes", () => {
  it("splits a blob into ordered parts and puts it back together", async () => {
    const bulk = createSqliteBulkStore({ path: ":memory:" });
    const blob = Uint8Array.from({ length: 2500 }, (_, i) => i % 251);
    const entries = chunkedEntries("hnsw:item2vec", blob, 1000);
    assert.deepEqual(
      entries.map((e) => [e.key, e.value.length]),
      [
        ["hnsw:item2vec:part:000000", 1000],
        ["hnsw:item2vec:part:000001", 1000],
        ["hnsw:item2vec:part:000002", 500],
      ],
    );
    await bulk.putArtifacts("ann-index", "v1", [
      ...entries,
      ...chunkedEntries("hnsw:other", new Uint8Array(0)),
    ]);
    assert.deepEqual(await readChunked(bulk, "ann-index", "v1", "hnsw:item2vec"), blob);
    assert.deepEqual(await readChunked(bulk, "ann-index", "v1", "hnsw:other"), new Uint8Array(0));
    assert.equal(await readChunked(bulk, "ann-index", "v1", "hnsw:missing"), null);
    await bulk.putArtifacts(
      "ann-index",
      "v2",
      [entries[0], entries[2]].filter((e) => e !== undefined),
    );
    await assert.rejects(readChunked(bulk, "ann-index", "v2", "hnsw:item2vec"), /incomplete/);
    await bulk.close();
  });
});
