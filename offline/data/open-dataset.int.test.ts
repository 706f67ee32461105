import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { DataFileError } from "../../core/errors.ts";
import { openDataset } from "./index.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/malformed", import.meta.url));

async function drain(rows: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _ of rows) count += 1;
  return count;
}

function isDataFileError(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof DataFileError, `expected a DataFileError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  };
}

describe("openDataset", () => {
  let scratch = "";
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "starling-open-"));
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("fails on a missing directory, suggesting how to get data", async () => {
    const missing = join(scratch, "nope");
    await assert.rejects(
      openDataset(missing),
      isDataFileError(/does not exist.*recsys data fetch.*RECSYS_DATA_DIR/),
    );
  });

  it("fails on a directory without known files, listing what it looked for", async () => {
    const empty = join(scratch, "empty");
    await mkdir(empty);
    await writeFile(join(empty, "notes.txt"), "nothing here");
    await assert.rejects(
      openDataset(empty),
      isDataFileError(
        /movies\.csv \+ ratings\.csv.*u\.data \+ u\.item \+ u\.genre.*movies\.dat \+ ratings\.dat.*recsys data fetch/,
      ),
    );
  });

  it("finds the data set in a known sub-folder, as a download leaves it", async () => {
    const parent = join(scratch, "parent");
    await mkdir(join(parent, "ml-latest-small"), { recursive: true });
    for (const name of ["movies.csv", "ratings.csv"]) {
      await copyFile(join(FIXTURE, name), join(parent, "ml-latest-small", name));
    }
    const dataset = await openDataset(parent);
    assert.equal(dataset.dir, join(parent, "ml-latest-small"));
    assert.equal(await drain(dataset.ratings()), 3);
  });

  it("fails with the path when a data file is a directory", async () => {
    const dir = join(scratch, "dir-file");
    await mkdir(join(dir, "ratings.csv"), { recursive: true });
    await copyFile(join(FIXTURE, "movies.csv"), join(dir, "movies.csv"));
    const dataset = await openDataset(dir);
    await assert.rejects(drain(dataset.ratings()), isDataFileError(/ratings\.csv is not a regular file/));
    assert.equal(await drain(dataset.movies()), 5, "the other file still reads");
  });

  it("fails with the path when a data file disappears after opening", async () => {
    const dir = join(scratch, "vanishing");
    await mkdir(dir);
    for (const name of ["movies.csv", "ratings.csv"]) await copyFile(join(FIXTURE, name), join(dir, name));
    const dataset = await openDataset(dir);
    await rm(join(dir, "ratings.csv"));
    await assert.rejects(
      drain(dataset.ratings()),
      isDataFileError(/Cannot open data file .*ratings\.csv \(ENOENT: no such file/),
    );
  });

  it("streams again on each call and stops cleanly when the reader breaks early", async () => {
    const dataset = await openDataset(FIXTURE);
    for await (const _ of dataset.ratings()) break;
    assert.equal(await drain(dataset.ratings()), 3);
    assert.equal(dataset.reports().length, 1, "one report per file, the latest read");
  });
});
