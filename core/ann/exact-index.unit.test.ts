import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { decodeAnnFile } from "./ann-format.ts";
import { ExactAnnIndex } from "./exact-index.ts";

// Four 2-d items at known angles: a at 0°, b at 90°, c at 45° (length 2), d at 180°.
const ids = ["a", "b", "c", "d"];
const vectors = new Float32Array([1, 0, 0, 1, 2, 2, -3, 0]);
const q = (x: number, y: number) => new Float32Array([x, y]);
const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${actual}`);

describe("ExactAnnIndex", () => {
  const index = ExactAnnIndex.build(ids, vectors, 2);

  it("ranks by cosine similarity, whatever the vectors' lengths", () => {
    const hits = index.search(q(5, 0), 4);
    assert.deepEqual(
      hits.map((h) => h.id),
      ["a", "c", "b", "d"],
    );
    close(hits[0]?.score as number, 1);
    close(hits[1]?.score as number, Math.SQRT1_2);
    close(hits[2]?.score as number, 0);
    close(hits[3]?.score as number, -1);
    assert.equal(index.kind, "exact");
    assert.equal(index.size, 4);
    assert.equal(index.dimension, 2);
  });

  it("leaves out excluded ids and still returns k hits when there are enough", () => {
    const hits = index.search(q(1, 0.1), 2, { exclude: new Set(["a", "zz"]) });
    assert.deepEqual(
      hits.map((h) => h.id),
      ["c", "b"],
    );
  });

  it("returns every item when k exceeds the size, and none for k <= 0", () => {
    assert.equal(index.search(q(0, 1), 10).length, 4);
    assert.deepEqual(index.search(q(0, 1), 0), []);
    assert.deepEqual(index.search(q(0, 1), -1), []);
  });

  it("breaks ties by build order and scores a zero query 0 against all", () => {
    const hits = index.search(q(0, 0), 4);
    assert.deepEqual(
      hits.map((h) => [h.id, h.score]),
      [
        ["a", 0],
        ["b", 0],
        ["c", 0],
        ["d", 0],
      ],
    );
  });

  it("copies its input, so later changes to the caller's array do not leak in", () => {
    const mine = new Float32Array(vectors);
    const own = ExactAnnIndex.build(ids, mine, 2);
    mine.fill(0);
    assert.equal(own.search(q(1, 0), 1)[0]?.id, "a");
  });

  it("rejects bad input with a ValidationError naming the field", () => {
    const cases: [() => unknown, string][] = [
      [() => ExactAnnIndex.build(ids, vectors.subarray(1), 2), "vectors"],
      [() => ExactAnnIndex.build(["a", "a", "c", "d"], vectors, 2), "ids"],
      [() => ExactAnnIndex.build(ids, new Float32Array([1, 0, 0, Number.NaN, 2, 2, -3, 0]), 2), "vectors"],
      [() => ExactAnnIndex.build(ids, vectors, 0), "dimension"],
      [() => index.search(new Float32Array(3), 1), "query"],
      [() => index.search(q(1, 0), 1.5), "k"],
    ];
    for (const [run, field] of cases) {
      assert.throws(run, (error: unknown) => error instanceof ValidationError && error.field === field);
    }
  });

  it("serialises to a self-describing file and loads back answering identically", () => {
    const bytes = index.serialize();
    const file = decodeAnnFile(bytes);
    assert.equal(file.kind, "exact");
    assert.deepEqual(file.ids, ids);
    const loaded = ExactAnnIndex.fromFile(file);
    for (const query of [q(1, 0), q(-1, 2), q(0.3, -0.7)]) {
      assert.deepEqual(loaded.search(query, 3), index.search(query, 3));
    }
  });

  it("round-trips ids that are any strings, and an empty index", () => {
    const odd = ["", "with space", "ünïcode ✓", 'quote"\n'];
    const loaded = ExactAnnIndex.fromFile(decodeAnnFile(ExactAnnIndex.build(odd, vectors, 2).serialize()));
    assert.deepEqual(
      loaded.search(q(1, 0), 4).map((h) => h.id),
      ["", "ünïcode ✓", "with space", 'quote"\n'],
    );
    const empty = ExactAnnIndex.fromFile(
      decodeAnnFile(ExactAnnIndex.build([], new Float32Array(0), 3).serialize()),
    );
    assert.equal(empty.size, 0);
    assert.deepEqual(empty.search(new Float32Array(3), 5), []);
  });
});
