import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clusteredVectors, decodeAnnFile, ExactAnnIndex, recallAtK } from "../../core/ann/index.ts";
import { ValidationError } from "../../core/errors.ts";
import { HnswAnnIndex } from "./hnsw-index.ts";
import { DEFAULT_HNSW_PARAMS } from "./hnsw-params.ts";

const dimension = 32;
const size = 5000;
const queryCount = 100;
const all = clusteredVectors({ count: size + queryCount, dimension, clusters: 50, spread: 0.6, seed: 21 });
const base = all.subarray(0, size * dimension);
const ids = Array.from({ length: size }, (_, i) => `item-${i}`);
const queries = Array.from({ length: queryCount }, (_, i) =>
  all.subarray((size + i) * dimension, (size + i + 1) * dimension),
);
const exact = ExactAnnIndex.build(ids, base, dimension);
const truth = queries.map((query) => exact.search(query, 10));
const index = HnswAnnIndex.build(ids, base, dimension);

const meanRecall = (search: (query: Float32Array) => { id: string; score: number }[]) =>
  queries.reduce((sum, query, i) => sum + recallAtK(truth[i] ?? [], search(query), 10), 0) / queryCount;

describe("HnswAnnIndex", () => {
  it("reaches recall@10 >= 0.95 against exact search at the default parameters", () => {
    assert.deepEqual(index.params, DEFAULT_HNSW_PARAMS);
    const recall = meanRecall((query) => index.search(query, 10));
    assert.ok(recall >= 0.95, `recall@10 ${recall}`);
  });

  it("finds fewer true neighbours with a tiny ef, from the same graph", () => {
    const low = meanRecall((query) => index.withEf(1).search(query, 10));
    const high = meanRecall((query) => index.withEf(400).search(query, 10));
    assert.ok(high >= 0.99, `recall@10 at ef 400: ${high}`);
    assert.ok(low <= high, `ef 1 ${low} vs ef 400 ${high}`);
    assert.equal(index.params.ef, DEFAULT_HNSW_PARAMS.ef);
  });

  it("scores hits by cosine, best first, as exact search scores them (to float32 rounding)", () => {
    const query = queries[0] as Float32Array;
    const exactScores = new Map(exact.search(query, size).map((hit) => [hit.id, hit.score]));
    const hits = index.search(query, 10);
    assert.equal(hits.length, 10);
    for (const hit of hits) assert.ok(Math.abs(hit.score - (exactScores.get(hit.id) as number)) < 1e-5);
    for (let i = 1; i < hits.length; i++)
      assert.ok((hits[i - 1]?.score as number) >= (hits[i]?.score as number));
  });

  it("leaves out excluded ids and still returns k hits", () => {
    const query = base.subarray(0, dimension);
    const first = index.search(query, 10);
    assert.equal(first[0]?.id, "item-0");
    const exclude = new Set([...first.slice(0, 4).map((hit) => hit.id), "not-in-index"]);
    const hits = index.search(query, 10, { exclude });
    assert.equal(hits.length, 10);
    assert.ok(hits.every((hit) => !exclude.has(hit.id)));
    assert.deepEqual(
      hits.slice(0, 6).map((hit) => hit.id),
      first.slice(4).map((hit) => hit.id),
    );
  });

  it("returns every item when k exceeds the size, and handles an empty index", () => {
    const small = HnswAnnIndex.build(["a", "b", "c"], new Float32Array([1, 0, 0, 1, 1, 1]), 2);
    assert.deepEqual(
      small.search(new Float32Array([1, 0]), 10).map((hit) => hit.id),
      ["a", "c", "b"],
    );
    assert.deepEqual(small.search(new Float32Array([1, 0]), 10, { exclude: new Set(["a", "b", "c"]) }), []);
    const empty = HnswAnnIndex.fromFile(
      decodeAnnFile(HnswAnnIndex.build([], new Float32Array(0), 4).serialize()),
    );
    assert.equal(empty.size, 0);
    assert.deepEqual(empty.search(new Float32Array(4), 3), []);
  });

  it("loads back from its bytes answering identically, ef included", () => {
    const tuned = index.withEf(20);
    const loaded = HnswAnnIndex.fromFile(decodeAnnFile(tuned.serialize()));
    assert.deepEqual(loaded.params, { ...DEFAULT_HNSW_PARAMS, ef: 20 });
    for (const query of queries.slice(0, 20))
      assert.deepEqual(loaded.search(query, 10), tuned.search(query, 10));
  });

  it("rejects invalid parameters and queries with a ValidationError naming the field", () => {
    const cases: [() => unknown, string][] = [
      [() => HnswAnnIndex.build(ids, base, dimension, { M: 1 }), "M"],
      [() => HnswAnnIndex.build(ids, base, dimension, { efConstruction: 0 }), "efConstruction"],
      [() => index.withEf(2.5), "ef"],
      [() => index.search(new Float32Array(dimension + 1), 10), "query"],
    ];
    for (const [run, field] of cases) {
      assert.throws(run, (error: unknown) => error instanceof ValidationError && error.field === field);
    }
  });
});
