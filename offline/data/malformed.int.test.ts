import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { DataFileError } from "../../core/errors.ts";
import { openDataset } from "./index.ts";
import type { Dataset, Movie, Rating } from "./types.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/malformed", import.meta.url));
const ID_RULE = "an id of 1-64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit";

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function loadAll(dataset: Dataset): Promise<{ movies: Movie[]; ratings: Rating[] }> {
  return { movies: await collect(dataset.movies()), ratings: await collect(dataset.ratings()) };
}

describe("malformed rows", () => {
  let scratch = "";
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "starling-malformed-"));
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("skips each kind of bad rating row with its 1-based line number and keeps the good ones", async () => {
    const dataset = await openDataset(FIXTURE);
    const ratings = await collect(dataset.ratings());
    assert.deepEqual(
      ratings.map((r) => [r.userId, r.itemId, r.rating, r.timestamp]),
      [
        ["1", "1", 4, 964_982_703_000],
        ["2", "5", 0.5, 788_918_400_000],
        ["3", "1", 5, 964_982_800_000],
      ],
    );
    const [report] = dataset.reports();
    assert.equal(report?.rows, 3);
    assert.equal(report?.malformed, 13);
    const reasons = report?.samples.map((s) => [s.line, s.reason]);
    assert.deepEqual(reasons, [
      [3, 'non-numeric rating "abc"'],
      [4, "rating 5.5 outside 0.5-5"],
      [5, "rating 0.0 outside 0.5-5"],
      [6, 'bad timestamp "notatime"'],
      [7, "expected 4 fields, found 3"],
      [8, "empty userId"],
      [9, "empty itemId"],
      [10, "unterminated quote"],
      [13, "rating 3.3 is not in half stars"],
      [14, "timestamp 788918399 is before 1995-01-01"],
      [15, `bad userId "us/er": ${ID_RULE}`],
      [16, 'userId "constructor" is a reserved name'],
      [17, `bad itemId "-1": ${ID_RULE}`],
    ]);
    assert.ok(report?.samples.every((s) => s.file === join(FIXTURE, "ratings.csv")));
  });

  it("skips bad movie rows and reads quoted titles, blank lines and missing years", async () => {
    const dataset = await openDataset(FIXTURE);
    const movies = await collect(dataset.movies());
    assert.deepEqual(
      movies.map((m) => [m.itemId, m.title, m.year]),
      [
        ["1", "Toy Story (1995)", 1995],
        ["2", "American President, The (1995)", 1995],
        ["5", 'Say "Hello" (2001)', 2001],
        ["6", "Untitled Without Year", null],
        ["7", "Spaced Year (2008) ", 2008],
      ],
    );
    assert.deepEqual(movies[2]?.genres, ["(no genres listed)"]);
    const samples = dataset.reports()[0]?.samples.map((s) => [s.line, s.reason]);
    assert.deepEqual(samples, [
      [4, "unterminated quote"],
      [5, "expected 3 fields, found 2"],
      [6, "empty movieId"],
      [11, 'movieId "prototype" is a reserved name'],
      [12, `bad movieId "8 ": ${ID_RULE}`],
    ]);
  });

  it("reads a CRLF copy exactly like the LF original", async () => {
    const crlf = join(scratch, "crlf");
    await mkdir(crlf);
    for (const name of ["movies.csv", "ratings.csv"]) {
      const text = await readFile(join(FIXTURE, name), "utf8");
      assert.ok(!text.includes("\r"));
      await writeFile(join(crlf, name), text.replaceAll("\n", "\r\n"));
    }
    const lf = await openDataset(FIXTURE);
    const cr = await openDataset(crlf);
    assert.deepEqual(await loadAll(cr), await loadAll(lf));
    const strip = (d: Dataset) =>
      d.reports().map(({ rows, malformed, samples }) => ({
        rows,
        malformed,
        samples: samples.map((s) => [s.line, s.reason]),
      }));
    assert.deepEqual(strip(cr), strip(lf));
  });

  it("rejects a file whose header is not the expected one", async () => {
    const dir = join(scratch, "bad-header");
    await mkdir(dir);
    await copyFile(join(FIXTURE, "movies.csv"), join(dir, "movies.csv"));
    await writeFile(join(dir, "ratings.csv"), "user,item,score,time\n1,1,4.0,964982703\n");
    const dataset = await openDataset(dir);
    await assert.rejects(collect(dataset.ratings()), (error: unknown) => {
      assert.ok(error instanceof DataFileError);
      assert.match(error.message, /expected the header "userId,movieId,rating,timestamp"/);
      return true;
    });
  });

  it("keeps only the first 20 samples but counts every malformed row", async () => {
    const dir = join(scratch, "many-bad");
    await mkdir(dir);
    await copyFile(join(FIXTURE, "movies.csv"), join(dir, "movies.csv"));
    const bad = Array.from({ length: 30 }, (_, i) => `1,${i},x,1`).join("\n");
    await writeFile(join(dir, "ratings.csv"), `userId,movieId,rating,timestamp\n${bad}\n1,1,3.0,964982703\n`);
    const dataset = await openDataset(dir);
    assert.equal((await collect(dataset.ratings())).length, 1);
    const [report] = dataset.reports();
    assert.equal(report?.malformed, 30);
    assert.equal(report?.samples.length, 20);
    assert.equal(report?.samples[19]?.line, 21);
  });
});
