import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StarlingError } from "./errors.ts";
import { bytesToFloat32, float32ToBytes, swapFloat32ByteOrder } from "./vector-bytes.ts";

/** Builds a Float32Array from exact bit patterns, so tests can name NaN payloads and subnormals precisely. */
function fromBits(bits: readonly number[]): Float32Array {
  return new Float32Array(new Uint32Array(bits).buffer);
}

function bitsOf(v: Float32Array): number[] {
  return Array.from(new Uint32Array(v.buffer, v.byteOffset, v.length));
}

const awkwardBits = [
  0x3f800000, // 1
  0x80000000, // -0
  0x00000001, // smallest subnormal
  0x000116c2, // 1e-40 rounded to Float32, subnormal
  0x7f800000, // +Infinity
  0xff800000, // -Infinity
  0x7f7fffff, // largest finite
  0x7fc00001, // quiet NaN with a payload
  0x7fa00001, // signalling NaN with a payload
  0xffc12345, // negative NaN with a payload
];

describe("vector bytes", () => {
  it("round-trips bit-exactly, including -0, subnormals, infinities and NaN payloads", () => {
    const original = fromBits(awkwardBits);
    const decoded = bytesToFloat32(float32ToBytes(original));
    assert.deepEqual(bitsOf(decoded), awkwardBits);
  });

  it("writes little-endian bytes", () => {
    assert.deepEqual(
      Array.from(float32ToBytes(new Float32Array([1, -2]))),
      [0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0],
    );
    const expected = new Uint8Array(8);
    const view = new DataView(expected.buffer);
    view.setFloat32(0, 1e-40, true);
    view.setFloat32(4, -123.25, true);
    assert.deepEqual(float32ToBytes(new Float32Array([1e-40, -123.25])), expected);
  });

  it("reads little-endian bytes", () => {
    const decoded = bytesToFloat32(new Uint8Array([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]));
    assert.deepEqual(Array.from(decoded), [1, -2]);
  });

  it("encodes only the viewed part of a shared buffer and returns copies", () => {
    const backing = new Float32Array([9, 1, 2, 9]);
    const bytes = float32ToBytes(backing.subarray(1, 3));
    assert.equal(bytes.length, 8);
    backing[1] = 100;
    assert.deepEqual(Array.from(bytesToFloat32(bytes)), [1, 2]);
    const decoded = bytesToFloat32(bytes);
    decoded[0] = 50;
    assert.deepEqual(Array.from(bytesToFloat32(bytes)), [1, 2]);
  });

  it("decodes from an unaligned offset", () => {
    const backing = new Uint8Array(9);
    backing.set(float32ToBytes(new Float32Array([3.5, -0.25])), 1);
    assert.deepEqual(Array.from(bytesToFloat32(backing.subarray(1))), [3.5, -0.25]);
  });

  it("handles the empty vector", () => {
    assert.equal(float32ToBytes(new Float32Array(0)).length, 0);
    assert.equal(bytesToFloat32(new Uint8Array(0)).length, 0);
  });

  it("rejects a byte length that is not a multiple of 4 with corrupt_value", () => {
    for (const length of [1, 3, 5, 7]) {
      assert.throws(
        () => bytesToFloat32(new Uint8Array(length)),
        (error: unknown) => error instanceof StarlingError && error.code === "corrupt_value",
      );
    }
  });

  it("swaps each 4-byte group, and swapping twice restores the bytes", () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(Array.from(swapFloat32ByteOrder(bytes)), [4, 3, 2, 1, 8, 7, 6, 5]);
    assert.deepEqual(Array.from(swapFloat32ByteOrder(bytes)), [1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
