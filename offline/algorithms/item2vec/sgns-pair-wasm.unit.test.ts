import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { instantiatePairKernel } from "./sgns-pair-wasm.ts";
import { buildExpTable, EXP_TABLE_SIZE, MAX_EXP } from "./tables.ts";
import { createVectorMemory, type VectorLayout, vectorLayout } from "./vector-memory.ts";

const DIM = 5;
const ALPHA = 0.025;
const expTable = buildExpTable();

/** word2vec's pair update in plain doubles, to check the emitted SIMD code against. */
function reference(input: number[], outputs: number[][]) {
  const neu1e = input.map(() => 0);
  const updated = outputs.map((row) => [...row]);
  updated.forEach((row, t) => {
    const f = input.reduce((sum, x, k) => sum + x * (row[k] as number), 0);
    const index = Math.trunc((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2));
    const sigmoid = f > MAX_EXP ? 1 : f < -MAX_EXP ? 0 : (expTable[index] as number);
    const g = ((t === 0 ? 1 : 0) - sigmoid) * ALPHA;
    for (let k = 0; k < row.length; k++) {
      const w = row[k] as number;
      neu1e[k] = (neu1e[k] as number) + g * w;
      row[k] = w + g * (input[k] as number);
    }
  });
  return { input: input.map((x, k) => x + (neu1e[k] as number)), outputs: updated };
}

/** A kernel memory with `rows` items, syn0 row `inputRow` set to `input` and syn1 rows 1.. set to `outputs`. */
function setUp(rows: number, inputRow: number, input: number[], outputs: number[][]) {
  const layout = vectorLayout(rows, DIM, outputs.length, 1);
  const memory = createVectorMemory(layout, rows, DIM, 1);
  const row = (base: number, r: number) =>
    new Float32Array(memory.buffer, base + r * layout.rowBytes, layout.rowBytes / 4);
  row(layout.syn0, inputRow).set(input);
  for (let r = 0; r < outputs.length; r++) row(layout.syn1, r + 1).set(outputs[r] as number[]);
  const targets = new Int32Array(memory.buffer, layout.scratch + layout.rowBytes, outputs.length);
  for (let r = 0; r < outputs.length; r++) targets[r] = layout.syn1 + (r + 1) * layout.rowBytes;
  const run = () =>
    instantiatePairKernel(memory)(
      layout.syn0 + inputRow * layout.rowBytes,
      targets.byteOffset,
      outputs.length,
      ALPHA,
      layout.rowBytes,
      layout.scratch,
      layout.expTable,
    );
  return { layout, row, run };
}

function assertClose(actual: Float32Array, wanted: readonly number[], what: string): void {
  for (let k = 0; k < wanted.length; k++) {
    const w = wanted[k] as number;
    assert.ok(Math.abs((actual[k] as number) - w) < 1e-6, `${what}[${k}]: ${actual[k]} vs ${w}`);
  }
}

function assertPaddingZero(
  layout: VectorLayout,
  row: (base: number, r: number) => Float32Array,
  rows: number,
) {
  for (let r = 0; r < rows; r++) {
    assert.ok(
      row(layout.syn0, r)
        .subarray(DIM)
        .every((v) => v === 0),
      `syn0 row ${r} padding`,
    );
    assert.ok(
      row(layout.syn1, r)
        .subarray(DIM)
        .every((v) => v === 0),
      `syn1 row ${r} padding`,
    );
  }
}

describe("SIMD pair kernel", () => {
  it("matches word2vec's update, including the clamp above MAX_EXP, and keeps row padding at zero", () => {
    const input = [0.3, -0.2, 0.5, 0.1, -0.4];
    const outputs = [
      [0.2, 0.1, -0.3, 0.4, 0.05], // the centre word: an ordinary score
      [6, -4, 6, 2, -6], // a negative scoring 8.2, above MAX_EXP
      [-0.1, 0.3, 0.2, -0.2, 0.1],
    ];
    const { layout, row, run } = setUp(4, 2, input, outputs);
    run();
    const expected = reference(input, outputs);
    assertClose(row(layout.syn0, 2), expected.input, "syn0");
    expected.outputs.forEach((wanted, r) => {
      assertClose(row(layout.syn1, r + 1), wanted, `syn1 row ${r + 1}`);
    });
    assertPaddingZero(layout, row, 4);
    assert.ok(
      row(layout.syn1, 0).every((v) => v === 0),
      "rows outside the pair stay untouched",
    );
  });

  it("moves a centre word scoring below -MAX_EXP by the full alpha", () => {
    const { layout, row, run } = setUp(2, 0, [4, 4, 4, 0, 0], [[-1, -1, -1, 0, 0]]);
    run();
    // f = -12, so g = (1 - 0) * alpha: syn0 += g * (-1) and syn1 += g * 4
    assert.deepEqual(
      [...row(layout.syn0, 0).subarray(0, DIM)],
      [4 - ALPHA, 4 - ALPHA, 4 - ALPHA, 0, 0].map(Math.fround),
    );
    const moved = -1 + 4 * ALPHA;
    assert.deepEqual([...row(layout.syn1, 1).subarray(0, DIM)], [moved, moved, moved, 0, 0].map(Math.fround));
  });
});
