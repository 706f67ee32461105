import assert from "node:assert/strict";
import type { FileHandle } from "node:fs/promises";
import { describe, it } from "node:test";
import { readFully } from "./read-fully.ts";

/** A FileHandle over `content` that returns at most `maxPerRead` bytes per read, as files may. */
function shortReadingHandle(content: Buffer, maxPerRead: number): FileHandle {
  const read = async (buffer: Buffer, offset: number, length: number, position: number) => {
    const bytesRead = content.copy(
      buffer,
      offset,
      position,
      Math.min(content.length, position + Math.min(length, maxPerRead)),
    );
    return { bytesRead, buffer };
  };
  return { read } as unknown as FileHandle;
}

describe("readFully", () => {
  const content = Buffer.from("0123456789abcdef");

  it("keeps reading through short reads until it has every byte asked for", async () => {
    const got = await readFully(shortReadingHandle(content, 3), 2, 11);
    assert.equal(got.toString(), "23456789abc");
  });

  it("returns fewer bytes only where the file ends", async () => {
    const got = await readFully(shortReadingHandle(content, 4), 10, 20);
    assert.equal(got.toString(), "abcdef");
  });

  it("reads into the start of a given buffer and refuses one too small", async () => {
    const into = Buffer.alloc(8, "-");
    const got = await readFully(shortReadingHandle(content, 2), 0, 5, into);
    assert.equal(into.toString(), "01234---");
    assert.equal(got.buffer, into.buffer);
    await assert.rejects(() => readFully(shortReadingHandle(content, 2), 0, 9, into), RangeError);
  });
});
