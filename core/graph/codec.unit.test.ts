import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crc32 } from "../crc32.ts";
import { StarlingError } from "../errors.ts";
import { BehaviourGraphBuilder } from "./builder.ts";
import { decodeGraph, encodeGraph } from "./codec.ts";

function sample() {
  const builder = new BehaviourGraphBuilder();
  builder.addSequence(["1", "2", "3", "1", "2"]);
  builder.addSequence(["é", "2", "日本", "🎬"]);
  builder.addTransition("3", "🎬", 0.25);
  return builder.build();
}

/** Applies `change` to a copy of the bytes and fixes the checksum, so only the change is wrong. */
function tampered(bytes: Uint8Array, change: (copy: Uint8Array, view: DataView) => void): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  change(copy, view);
  view.setUint32(copy.length - 4, crc32(copy.subarray(0, copy.length - 4)), true);
  return copy;
}

const isCorrupt = (pattern: RegExp) => (error: unknown) =>
  error instanceof StarlingError && error.code === "corrupt_value" && pattern.test(error.message);

describe("behaviour graph codec", () => {
  it("round-trips a graph with non-ASCII ids and fractional weights", () => {
    const graph = sample();
    assert.deepEqual(decodeGraph(encodeGraph(graph)), graph);
  });

  it("round-trips the empty graph and reads from an unaligned view", () => {
    const empty = new BehaviourGraphBuilder().build();
    assert.deepEqual(decodeGraph(encodeGraph(empty)), empty);
    const bytes = encodeGraph(sample());
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    assert.deepEqual(decodeGraph(shifted.subarray(1)), sample());
  });

  it("rejects truncated, foreign and future-format bytes", () => {
    const bytes = encodeGraph(sample());
    assert.throws(() => decodeGraph(bytes.subarray(0, 10)), isCorrupt(/too short/));
    assert.throws(() => decodeGraph(bytes.subarray(0, bytes.length - 4)), isCorrupt(/length/));
    assert.throws(() => decodeGraph(new TextEncoder().encode("{}".repeat(20))), isCorrupt(/magic/));
    const future = tampered(bytes, (_, view) => view.setUint32(4, 2, true));
    assert.throws(() => decodeGraph(future), isCorrupt(/version 2/));
  });

  it("rejects a flipped bit through the checksum", () => {
    const bytes = encodeGraph(sample());
    for (const at of [25, bytes.length - 9, bytes.length - 1]) {
      const copy = new Uint8Array(bytes);
      copy[at] = (copy[at] as number) ^ 0x10;
      assert.throws(() => decodeGraph(copy), isCorrupt(/checksum/), `byte ${at}`);
    }
  });

  it("rejects well-checksummed bytes that break the graph's invariants", () => {
    const bytes = encodeGraph(sample());
    const n = sample().nodes.length;
    const weightsEnd = bytes.length - 4;
    const badWeight = tampered(bytes, (_, view) => view.setFloat32(weightsEnd - 4, -1, true));
    assert.throws(() => decodeGraph(badWeight), isCorrupt(/weight/));
    const badTarget = tampered(bytes, (_, view) => {
      const e = view.getUint32(12, true);
      view.setInt32(weightsEnd - 8 * e, 99, true);
    });
    assert.throws(() => decodeGraph(badTarget), isCorrupt(/target/));
    const badLength = tampered(bytes, (_, view) => view.setUint32(20 + 4 * (n - 1), 9, true));
    assert.throws(() => decodeGraph(badLength), isCorrupt(/ids section/));
    const badUtf8 = tampered(bytes, (copy) => {
      copy[20 + 4 * n] = 0xff;
    });
    assert.throws(() => decodeGraph(badUtf8), isCorrupt(/UTF-8/));
  });

  it("refuses to encode an invalid graph", () => {
    const graph = { ...sample(), weights: new Float32Array(sample().weights.length) };
    assert.throws(() => encodeGraph(graph), /weight/);
  });
});
