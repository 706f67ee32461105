import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StarlingError } from "../errors.ts";
import { ANN_FORMAT_VERSION, type AnnFile, decodeAnnFile, encodeAnnFile } from "./ann-format.ts";

const file: AnnFile = {
  kind: "lsh",
  dimension: 3,
  size: 2,
  params: { bucketLength: 0.5, tables: 2 },
  ids: ["x", "y"],
  blobs: [new Uint8Array([1, 2, 3, 4]), new Uint8Array(0), new Uint8Array([9])],
};

const isCorrupt = (pattern: RegExp) => (error: unknown) =>
  error instanceof StarlingError && error.code === "corrupt_value" && pattern.test(error.message);

describe("ANN file format", () => {
  it("round-trips every field and blob", () => {
    const decoded = decodeAnnFile(encodeAnnFile(file));
    assert.deepEqual(
      { ...decoded, blobs: decoded.blobs.map((b) => [...b]) },
      {
        ...file,
        blobs: file.blobs.map((b) => [...b]),
      },
    );
  });

  it("reads bytes that sit at an offset inside a larger buffer", () => {
    const bytes = encodeAnnFile(file);
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 7);
    assert.deepEqual(decodeAnnFile(padded.subarray(7)).ids, ["x", "y"]);
  });

  it("starts with the magic, the format version and the kind code", () => {
    const bytes = encodeAnnFile(file);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), "SANN");
    assert.equal(bytes[4], ANN_FORMAT_VERSION);
    assert.equal(bytes[6], 2);
  });

  it("rejects foreign, altered, truncated and extended bytes with a corrupt_value error", () => {
    const good = encodeAnnFile(file);
    const altered = (at: number, value: number) => {
      const copy = new Uint8Array(good);
      copy[at] = value;
      return copy;
    };
    const extended = new Uint8Array(good.length + 1);
    extended.set(good);
    assert.throws(() => decodeAnnFile(new Uint8Array(0)), isCorrupt(/magic/));
    assert.throws(() => decodeAnnFile(new TextEncoder().encode('{"not":"an index"}')), isCorrupt(/magic/));
    assert.throws(() => decodeAnnFile(altered(4, 99)), isCorrupt(/format version 99/));
    assert.throws(() => decodeAnnFile(altered(6, 42)), isCorrupt(/unknown index kind 42/));
    assert.throws(() => decodeAnnFile(altered(good.length - 1, 8)), isCorrupt(/checksum/));
    assert.throws(() => decodeAnnFile(good.subarray(0, good.length - 3)), isCorrupt(/checksum/));
    assert.throws(() => decodeAnnFile(extended), isCorrupt(/checksum/));
  });

  it("rejects a well-checksummed file whose ids disagree with its header", () => {
    assert.throws(() => decodeAnnFile(encodeAnnFile({ ...file, size: 3 })), isCorrupt(/declares 3/));
    assert.throws(() => decodeAnnFile(encodeAnnFile({ ...file, ids: ["x", "x"] })), isCorrupt(/duplicate/));
  });
});
