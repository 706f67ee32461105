import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aliasScratch, drawAlias, type PackedAlias, writeAlias } from "./float-alias.ts";
import { chiSquare, chiSquareLimit } from "./test-graphs.fixture.ts";
import { createUniform } from "./uniform.ts";

/** Each local index's exact probability under the table at `at`. */
function shares(table: PackedAlias, at: number, size: number): number[] {
  const share = new Array<number>(size).fill(0);
  for (let bucket = 0; bucket < size; bucket++) {
    const keep = table.keep[at + bucket] as number;
    share[bucket] = (share[bucket] as number) + keep / size;
    const other = table.alias[at + bucket] as number;
    share[other] = (share[other] as number) + (1 - keep) / size;
  }
  return share;
}

describe("float alias tables", () => {
  it("give every entry exactly its weight share, packed at any slot", () => {
    const cases = [
      [1],
      [0.5, 0.5],
      [3, 1, 0.25, 7.5, 1e-6, 2],
      [1e9, 1, 1, 1],
      Array.from({ length: 50 }, (_, i) => i + 1),
    ];
    const table: PackedAlias = { keep: new Float64Array(70), alias: new Int32Array(70) };
    const scratch = aliasScratch(50);
    for (const weights of cases) {
      writeAlias(weights, weights.length, table, 13, scratch);
      const total = weights.reduce((sum, w) => sum + w, 0);
      shares(table, 13, weights.length).forEach((share, i) => {
        assert.ok(Math.abs(share - (weights[i] as number) / total) < 1e-12, `${weights} entry ${i}`);
      });
    }
  });

  it("draws in proportion to the weights", () => {
    const weights = [5, 1, 3, 0.5, 0.5];
    const table: PackedAlias = { keep: new Float32Array(5), alias: new Int32Array(5) };
    writeAlias(weights, 5, table, 0, aliasScratch(5));
    const uniform = createUniform(3);
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const drawn = drawAlias(table, 0, 5, uniform);
      counts[drawn] = (counts[drawn] as number) + 1;
    }
    const stat = chiSquare(
      counts,
      weights.map((w) => w / 10),
    );
    assert.ok(stat < chiSquareLimit(4), `chi-square ${stat}`);
  });
});
