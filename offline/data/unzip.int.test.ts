import assert from "node:assert/strict";
import type { FileHandle } from "node:fs/promises";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DataFileError } from "../../core/errors.ts";
import { buildZip } from "./testing/zip-writer.ts";
import { readCentralDirectory, unzipFile } from "./unzip.ts";

const MIB = 1024 * 1024;

/** Where the first central directory entry of a zip starts (the end record holds the directory's offset). */
function firstCentralEntry(zip: Buffer): number {
  return zip.readUInt32LE(zip.length - 22 + 16);
}

/** A copy of `zip` whose first entry declares other sizes in its central directory record. */
function withDeclaredSizes(zip: Buffer, sizes: { compressed?: number; size?: number }): Buffer {
  const patched = Buffer.from(zip);
  const at = firstCentralEntry(patched);
  if (sizes.compressed !== undefined) patched.writeUInt32LE(sizes.compressed, at + 20);
  if (sizes.size !== undefined) patched.writeUInt32LE(sizes.size, at + 24);
  return patched;
}

/** A FileHandle over `content` that returns at most 7 bytes per read, as files and pipes may. */
function shortReadingHandle(content: Buffer): FileHandle {
  const handle = {
    stat: async () => ({ size: content.length }),
    read: async (buffer: Buffer, offset: number, length: number, position: number) => {
      const end = Math.min(content.length, position + Math.min(length, 7));
      return { bytesRead: content.copy(buffer, offset, position, end), buffer };
    },
  };
  return handle as unknown as FileHandle;
}

describe("unzipFile", () => {
  let scratch = "";
  let count = 0;
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "starling-unzip-"));
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  /** Write `zip` to a fresh path, unzip it into a fresh folder; returns the folder. */
  async function unzipBuffer(zip: Buffer): Promise<{ out: string; run: Promise<string[]> }> {
    count += 1;
    const path = join(scratch, `archive-${count}.zip`);
    await writeFile(path, zip);
    const out = join(scratch, `out-${count}`);
    return { out, run: unzipFile(path, out) };
  }

  const rejectsWith = (pattern: RegExp) => (error: unknown) => {
    assert.ok(error instanceof DataFileError, String(error));
    assert.match(error.message, pattern);
    return true;
  };

  it("extracts deflated files and directories", async () => {
    const zip = buildZip([{ name: "d/" }, { name: "d/a.txt", data: Buffer.from("hello") }]);
    const { out, run } = await unzipBuffer(zip);
    assert.deepEqual(await run, [join(out, "d", "a.txt")]);
    assert.equal(await readFile(join(out, "d", "a.txt"), "utf8"), "hello");
  });

  it("stops inflating an entry at its declared size instead of expanding a zip bomb", async () => {
    const bomb = buildZip([{ name: "bomb.txt", data: Buffer.alloc(32 * MIB) }]);
    const { out, run } = await unzipBuffer(withDeclaredSizes(bomb, { size: 16 }));
    await assert.rejects(run, rejectsWith(/bomb\.txt inflates to more than its declared 16 bytes/));
    assert.deepEqual(await readdir(out), [], "nothing written");
  });

  it("rejects an entry declaring more than 1 GiB before reading it", async () => {
    const zip = buildZip([{ name: "big.txt", data: Buffer.from("small really") }]);
    const { run } = await unzipBuffer(withDeclaredSizes(zip, { size: 1024 * MIB + 1 }));
    await assert.rejects(
      run,
      rejectsWith(/big\.txt declares 1073741825 bytes, more than the 1073741824 allowed/),
    );
  });

  it("rejects an entry whose compressed size is larger than the archive", async () => {
    const zip = buildZip([{ name: "a.txt", data: Buffer.from("abc") }]);
    const { run } = await unzipBuffer(withDeclaredSizes(zip, { compressed: zip.length + 1 }));
    await assert.rejects(run, rejectsWith(/a\.txt declares a compressed size larger than the archive/));
  });

  it("reads the central directory through short reads", async () => {
    const zip = buildZip([
      { name: "one.txt", data: Buffer.from("1") },
      { name: "two.txt", data: Buffer.from("22") },
    ]);
    const entries = await readCentralDirectory(shortReadingHandle(zip), "short.zip");
    assert.deepEqual(
      entries.map((e) => [e.name, e.size]),
      [
        ["one.txt", 1],
        ["two.txt", 2],
      ],
    );
  });
});
