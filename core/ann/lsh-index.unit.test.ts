import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import type { LshParams } from "../ports/ann-index.ts";
import { decodeAnnFile } from "./ann-format.ts";
import { clusteredVectors } from "./clustered-vectors.ts";
import { ExactAnnIndex } from "./exact-index.ts";
import { LshAnnIndex } from "./lsh-index.ts";
import { recallAtK } from "./recall.ts";

const dimension = 32;
const size = 3000;
const queryCount = 40;
const all = clusteredVectors({ count: size + queryCount, dimension, clusters: 30, spread: 0.5, seed: 11 });
const base = all.subarray(0, size * dimension);
const ids = Array.from({ length: size }, (_, i) => `v${i}`);
const queries = Array.from({ length: queryCount }, (_, i) =>
  all.subarray((size + i) * dimension, (size + i + 1) * dimension),
);
const exact = ExactAnnIndex.build(ids, base, dimension);
const truth = queries.map((query) => exact.search(query, 10));

function measure(params: Partial<LshParams>) {
  const index = LshAnnIndex.build(ids, base, dimension, { seed: 5, ...params });
  let recall = 0;
  let candidates = 0;
  queries.forEach((query, i) => {
    recall += recallAtK(truth[i] ?? [], index.search(query, 10), 10);
    candidates += index.candidates(query).length;
  });
  return { recall: recall / queryCount, candidates: candidates / queryCount };
}

describe("LshAnnIndex", () => {
  it("finds more of the true neighbours with more tables (OR amplification)", () => {
    // With one seed, a larger index's first tables are the smaller one's, so its candidates are a superset.
    const recalls = [1, 4, 16, 48].map(
      (tables) => measure({ bucketLength: 0.3, projectionsPerTable: 4, tables }).recall,
    );
    for (let i = 1; i < recalls.length; i++) {
      assert.ok((recalls[i] as number) >= (recalls[i - 1] as number), `recall by tables ${recalls}`);
    }
    assert.ok((recalls[3] as number) >= (recalls[0] as number) + 0.3, `recall by tables ${recalls}`);
    assert.ok((recalls[3] as number) > 0.85, `recall by tables ${recalls}`);
  });

  it("narrows the candidates with more projections per table (AND amplification)", () => {
    const runs = [1, 2, 4, 8].map((projectionsPerTable) =>
      measure({ bucketLength: 0.1, tables: 8, projectionsPerTable }),
    );
    for (let i = 1; i < runs.length; i++) {
      assert.ok((runs[i]?.candidates as number) < (runs[i - 1]?.candidates as number), JSON.stringify(runs));
    }
    // One projection per table, as the reference design hashes, puts a large share of the set in one bucket.
    assert.ok((runs[0]?.candidates as number) > size / 4, JSON.stringify(runs));
  });

  it("ranks its candidates exactly: every hit scores as exact search scores it", () => {
    const index = LshAnnIndex.build(ids, base, dimension, { tables: 8 });
    const query = queries[0] as Float32Array;
    const exactScores = new Map(exact.search(query, size).map((hit) => [hit.id, hit.score]));
    const hits = index.search(query, 10);
    assert.ok(hits.length > 0);
    for (const hit of hits) assert.equal(hit.score, exactScores.get(hit.id));
    for (let i = 1; i < hits.length; i++)
      assert.ok((hits[i - 1]?.score as number) >= (hits[i]?.score as number));
  });

  it("never returns excluded ids, and at most k hits", () => {
    const index = LshAnnIndex.build(ids, base, dimension, { tables: 8 });
    const query = queries[1] as Float32Array;
    const before = index.search(query, 5);
    const exclude = new Set(before.slice(0, 2).map((hit) => hit.id));
    const after = index.search(query, 5, { exclude });
    assert.equal(after.length, 5);
    assert.ok(after.every((hit) => !exclude.has(hit.id)));
    assert.deepEqual(after.slice(0, 3), before.slice(2, 5));
    assert.ok(index.search(query, size * 2).length <= size);
  });

  it("is deterministic for a seed and loads back answering identically", () => {
    const params = { bucketLength: 0.15, tables: 6, projectionsPerTable: 3, seed: 9 };
    const index = LshAnnIndex.build(ids, base, dimension, params);
    const again = LshAnnIndex.build(ids, base, dimension, params);
    const loaded = LshAnnIndex.fromFile(decodeAnnFile(index.serialize()));
    assert.deepEqual(loaded.params, params);
    for (const query of queries.slice(0, 10)) {
      const hits = index.search(query, 10);
      assert.deepEqual(again.search(query, 10), hits);
      assert.deepEqual(loaded.search(query, 10), hits);
    }
  });

  it("rejects invalid parameters with a ValidationError naming the field", () => {
    const cases: [Partial<LshParams>, string][] = [
      [{ bucketLength: 0 }, "bucketLength"],
      [{ tables: 0 }, "tables"],
      [{ projectionsPerTable: 1.5 }, "projectionsPerTable"],
      [{ seed: Number.NaN }, "seed"],
    ];
    for (const [params, field] of cases) {
      assert.throws(
        () => LshAnnIndex.build(ids, base, dimension, params),
        (error: unknown) => error instanceof ValidationError && error.field === field,
      );
    }
  });
});
