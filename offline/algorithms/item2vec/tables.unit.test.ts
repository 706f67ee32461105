import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextState, seedState } from "./random.ts";
import { sentenceSplits } from "./sentence-splits.ts";
import {
  buildAliasTable,
  buildExpTable,
  buildKeepProbabilities,
  EXP_TABLE_SIZE,
  fillInitialVectors,
  localAlloc,
} from "./tables.ts";

describe("negative-sampling alias table", () => {
  it("gives each item exactly its share of counts^0.75", () => {
    const counts = Int32Array.from([50, 20, 7, 3, 1, 1]);
    const { keep, alias } = buildAliasTable(counts, localAlloc);
    const share = new Float64Array(counts.length);
    for (let bucket = 0; bucket < counts.length; bucket++) {
      const p = keep[bucket] as number;
      share[bucket] = (share[bucket] as number) + p / counts.length;
      const other = alias[bucket] as number;
      share[other] = (share[other] as number) + (1 - p) / counts.length;
    }
    const total = [...counts].reduce((sum, c) => sum + c ** 0.75, 0);
    counts.forEach((c, i) => {
      assert.ok(Math.abs((share[i] as number) - c ** 0.75 / total) < 1e-12, `item ${i}`);
    });
  });
});

describe("sub-sampling keep probability", () => {
  it("follows word2vec's formula and caps at 1", () => {
    // t = 0.001 * 9001 tokens: the frequent item is kept about 3% of the time, the rare one always.
    const counts = Int32Array.from([9000, 1]);
    const keep = buildKeepProbabilities(counts, 0.001, localAlloc);
    const t = 0.001 * 9001;
    assert.ok(Math.abs((keep?.[0] as number) - (Math.sqrt(9000 / t) + 1) * (t / 9000)) < 1e-12);
    assert.ok((keep?.[0] as number) < 0.05);
    assert.equal(keep?.[1], 1);
    assert.equal(buildKeepProbabilities(counts, 0, localAlloc), null);
  });
});

describe("sigmoid table and initial vectors", () => {
  it("spans sigmoid(-6) to sigmoid(6)", () => {
    const table = buildExpTable();
    assert.equal(table.length, EXP_TABLE_SIZE + 1);
    assert.ok(Math.abs((table[0] as number) - 1 / (1 + Math.exp(6))) < 1e-7);
    assert.ok(Math.abs((table[EXP_TABLE_SIZE / 2] as number) - 0.5) < 1e-7);
  });

  it("draws syn0 within [-0.5/dim, 0.5/dim] from the seed, leaving row padding at zero", () => {
    const draw = (seed: number) => {
      const rows = new Float32Array(10 * 8);
      fillInitialVectors(rows, 10, 6, 8, seed);
      return rows;
    };
    const a = draw(3);
    assert.ok(a.every((v, i) => (i % 8 < 6 ? v !== 0 && Math.abs(v) <= 0.5 / 6 : v === 0)));
    assert.deepEqual(draw(3), a);
    assert.notDeepEqual(draw(4), a);
  });
});

describe("random and splits", () => {
  it("never seeds the generator with zero and steps to new states", () => {
    for (let seed = -3; seed < 3; seed++) assert.notEqual(seedState(seed, 0), 0);
    assert.notEqual(nextState(1), 1);
  });

  it("splits sentences into ranges of about equal token counts", () => {
    const starts = Int32Array.from([0, 10, 20, 30, 40, 50]);
    assert.deepEqual([...sentenceSplits(starts, 60, 2)], [0, 3, 6]);
    assert.deepEqual([...sentenceSplits(starts, 60, 3)], [0, 2, 4, 6]);
    assert.deepEqual([...sentenceSplits(starts, 60, 1)], [0, 6]);
    assert.deepEqual([...sentenceSplits(Int32Array.from([0]), 10, 3)], [0, 1, 1, 1]);
    assert.deepEqual([...sentenceSplits(new Int32Array(0), 0, 0)], [0]);
  });
});
