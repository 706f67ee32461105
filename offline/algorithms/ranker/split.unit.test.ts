import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRandom } from "./random.ts";
import { splitRows } from "./split.ts";

const sorted = (rows: Int32Array) => Array.from(rows).sort((a, b) => a - b);

describe("splitRows", () => {
  it("holds out the share of the rows, every row on exactly one side", () => {
    const { train, valid } = splitRows(100, undefined, 0.2, createRandom(1, 1));
    assert.equal(valid.length, 20);
    assert.deepEqual(
      sorted(Int32Array.from([...train, ...valid])),
      Array.from({ length: 100 }, (_, r) => r),
    );
  });

  it("holds out whole groups", () => {
    const groups = Int32Array.from({ length: 90 }, (_, r) => (r * 7) % 10);
    const { train, valid } = splitRows(90, groups, 0.3, createRandom(1, 1));
    const heldGroups = new Set(Array.from(valid, (r) => groups[r]));
    assert.equal(heldGroups.size, 3);
    assert.equal(valid.length, 27);
    assert.ok(Array.from(train).every((r) => !heldGroups.has(groups[r])));
  });

  it("is fixed by the seed", () => {
    const one = splitRows(50, undefined, 0.5, createRandom(4, 1));
    assert.deepEqual(splitRows(50, undefined, 0.5, createRandom(4, 1)), one);
    assert.notDeepEqual(sorted(splitRows(50, undefined, 0.5, createRandom(5, 1)).valid), sorted(one.valid));
  });

  it("keeps every row for training with share 0 and refuses an empty side", () => {
    assert.deepEqual(splitRows(3, undefined, 0, createRandom(1, 1)).valid.length, 0);
    assert.throws(
      () => splitRows(5, new Int32Array(5), 0.5, createRandom(1, 1)),
      /validationShare 0.5 leaves/,
    );
  });
});
