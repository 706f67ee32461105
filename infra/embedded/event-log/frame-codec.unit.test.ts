import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crc32 } from "../../../core/crc32.ts";
import { ValidationError } from "../../../core/errors.ts";
import { checkFrame, decodeFrames, encodeFrame, MAX_PAYLOAD_BYTES } from "./frame-codec.ts";

describe("crc32", () => {
  it("matches the standard check values", () => {
    assert.equal(crc32(Buffer.from("123456789")), 0xcbf43926);
    assert.equal(crc32(Buffer.from("The quick brown fox jumps over the lazy dog")), 0x414fa339);
    assert.equal(crc32(Buffer.alloc(0)), 0);
  });

  it("covers only the given range", () => {
    assert.equal(crc32(Buffer.from("xx123456789yy").subarray(2, 11)), 0xcbf43926);
  });
});

describe("frame codec", () => {
  const record = { key: "user-1", value: "ünïcode \n value", timestamp: 42, headers: { a: "b" } };

  it("round-trips records with their offsets", () => {
    const frames = [encodeFrame(record), encodeFrame({ key: "k", value: null, timestamp: 7, headers: {} })];
    const decoded = decodeFrames(Buffer.concat(frames), "topic", 3, 10);
    assert.deepEqual(decoded, [
      { topic: "topic", partition: 3, offset: 10, ...record },
      { topic: "topic", partition: 3, offset: 11, key: "k", value: null, timestamp: 7, headers: {} },
    ]);
  });

  it("tells a whole frame from a short one and from damaged bytes", () => {
    const frame = encodeFrame(record);
    assert.deepEqual(checkFrame(frame, 0, frame.length), { kind: "frame", bytes: frame.length });
    assert.deepEqual(checkFrame(frame, 0, 3), { kind: "short", needBytes: 8 });
    assert.deepEqual(checkFrame(frame, 0, frame.length - 1), { kind: "short", needBytes: frame.length });
    const flipped = Buffer.from(frame);
    flipped[12] = (flipped[12] as number) ^ 1;
    assert.deepEqual(checkFrame(flipped, 0, flipped.length), { kind: "bad" });
    assert.deepEqual(checkFrame(Buffer.alloc(16), 0, 16), { kind: "bad" }, "zero length");
  });

  it("refuses a record larger than a frame may carry", () => {
    const huge = { ...record, value: "x".repeat(MAX_PAYLOAD_BYTES) };
    assert.throws(() => encodeFrame(huge), ValidationError);
  });
});
