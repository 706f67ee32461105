import assert from "node:assert/strict";
import { type FileHandle, mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DataFileError } from "../../core/errors.ts";
import { openDataFile, readLineBatches } from "./line-reader.ts";

describe("openDataFile", () => {
  let scratch = "";
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "starling-line-reader-"));
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("opens a file and streams its lines, CRLF or LF", async () => {
    const path = join(scratch, "lines.csv");
    await writeFile(path, "a,b\r\nc,d\nlast");
    const file = await openDataFile(path);
    assert.equal(file.size, 13);
    const lines: string[] = [];
    for await (const batch of readLineBatches(file, "utf8")) lines.push(...batch.lines);
    assert.deepEqual(lines, ["a,b", "c,d", "last"]);
  });

  it("closes the file and names it when reading its status fails", async (t) => {
    const path = join(scratch, "unstattable.csv");
    await writeFile(path, "x\n");
    const probe = await open(path, "r");
    const fileHandle = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const opened: FileHandle[] = [];
    t.mock.method(fileHandle, "stat", async function (this: FileHandle) {
      opened.push(this);
      throw Object.assign(new Error("EIO: i/o error, fstat"), { code: "EIO" });
    });
    await assert.rejects(openDataFile(path), (error: unknown) => {
      assert.ok(error instanceof DataFileError, String(error));
      assert.match(error.message, /unstattable\.csv.*EIO/);
      return true;
    });
    assert.equal(opened.length, 1);
    assert.equal(opened[0]?.fd, -1, "the handle was closed");
  });
});
