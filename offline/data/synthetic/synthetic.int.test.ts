import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openDataset } from "../index.ts";
import type { Rating } from "../types.ts";
import { type GenerateProgress, generateSynthetic } from "./generate-synthetic.ts";
import { resolveShape } from "./synthetic-params.ts";
import { planSynthetic } from "./synthetic-plan.ts";

const SHAPE = { users: 200, items: 300, ratings: 5_000, seed: 7 };

describe("generateSynthetic", () => {
  let scratch = "";
  const out = (name: string) => join(scratch, name);
  const ratings: Rating[] = [];
  let ratingsMalformed = -1;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "starling-synthetic-"));
    await generateSynthetic({ ...SHAPE, outDir: out("a") });
    const dataset = await openDataset(out("a"));
    for await (const rating of dataset.ratings()) ratings.push(rating);
    ratingsMalformed = dataset.reports()[0]?.malformed ?? -1;
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("writes byte-identical files for the same seed and different ones for another seed", async () => {
    const progress: GenerateProgress[] = [];
    const again = await generateSynthetic({
      ...SHAPE,
      outDir: out("b"),
      onProgress: (p) => progress.push(p),
    });
    await generateSynthetic({ ...SHAPE, seed: 8, outDir: out("c") });
    for (const name of ["movies.csv", "ratings.csv"]) {
      const [a, b, c] = await Promise.all(["a", "b", "c"].map((dir) => readFile(join(out(dir), name))));
      assert.ok(a?.equals(b as Buffer), `${name} differs for the same seed`);
      if (name === "ratings.csv") assert.ok(!a?.equals(c as Buffer), "another seed gives other ratings");
    }
    assert.deepEqual(again.files, [join(out("b"), "movies.csv"), join(out("b"), "ratings.csv")]);
    assert.equal(again.rows, 5_000);
    assert.deepEqual(progress.at(-1), {
      file: again.files[1],
      rows: 5_000,
      totalRows: 5_000,
      bytes: progress.at(-1)?.bytes,
    });
  });

  it("leaves no half-written set when it fails, and an earlier set as it was", async () => {
    const failAtEnd = (p: GenerateProgress) => {
      if (p.rows === p.totalRows) throw new Error("crash after the last row");
    };
    await assert.rejects(
      generateSynthetic({ ...SHAPE, outDir: out("fresh"), onProgress: failAtEnd }),
      /crash/,
    );
    assert.deepEqual(await readdir(out("fresh")), [], "no files, not even temporary ones");
    const before = await Promise.all(["movies.csv", "ratings.csv"].map((n) => readFile(join(out("a"), n))));
    await assert.rejects(
      generateSynthetic({ ...SHAPE, seed: 9, outDir: out("a"), onProgress: failAtEnd }),
      /crash/,
    );
    assert.deepEqual((await readdir(out("a"))).sort(), ["movies.csv", "ratings.csv"]);
    const after = await Promise.all(["movies.csv", "ratings.csv"].map((n) => readFile(join(out("a"), n))));
    assert.deepEqual(after, before);
  });

  it("loads back through openDataset with exactly the requested counts and nothing malformed", async () => {
    const dataset = await openDataset(out("a"));
    assert.equal(dataset.format, "ml-latest");
    const movies = [];
    for await (const movie of dataset.movies()) movies.push(movie);
    assert.equal(movies.length, 300);
    assert.ok(movies.every((m) => m.year !== null && m.genres.length > 0));
    assert.ok(
      movies.some((m) => m.title.includes(", The")),
      "some titles need quoting",
    );
    assert.equal(ratings.length, 5_000);
    assert.equal(new Set(ratings.map((r) => r.userId)).size, 200);
    assert.equal(new Set(ratings.map((r) => `${r.userId}:${r.itemId}`)).size, 5_000, "one rating per pair");
    assert.ok(ratings.every((r) => Number(r.itemId) >= 1 && Number(r.itemId) <= 300));
    assert.deepEqual(
      dataset.reports().map((r) => [r.rows, r.malformed]),
      [[300, 0]],
    );
    assert.equal(ratingsMalformed, 0);
  });

  it("groups ratings by user with increasing timestamps and a skewed count per user", () => {
    const perUser = new Map<string, number>();
    for (let i = 0; i < ratings.length; i++) {
      const r = ratings[i] as Rating;
      const previous = ratings[i - 1];
      if (previous?.userId === r.userId)
        assert.ok(r.timestamp > previous.timestamp, `user ${r.userId} time order`);
      else assert.ok(!perUser.has(r.userId), `user ${r.userId} rows are contiguous`);
      perUser.set(r.userId, (perUser.get(r.userId) ?? 0) + 1);
    }
    const counts = [...perUser.values()].sort((a, b) => a - b);
    assert.ok((counts[0] as number) >= 5, "every user rates at least a few items");
    assert.ok((counts.at(-1) as number) > 3 * (counts[100] as number), "a heavy tail of active users");
  });

  it("plants taste clusters: most users rate mostly in one cluster, and rate it higher", () => {
    const plan = planSynthetic(resolveShape(SHAPE));
    const byUser = new Map<string, Rating[]>();
    for (const r of ratings) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
    let concentrated = 0;
    let inSum = 0;
    let inCount = 0;
    let outSum = 0;
    let outCount = 0;
    for (const rows of byUser.values()) {
      const clusterOf = (r: Rating) => plan.itemCluster[Number(r.itemId) - 1] as number;
      const tally = new Map<number, number>();
      for (const r of rows) tally.set(clusterOf(r), (tally.get(clusterOf(r)) ?? 0) + 1);
      const [top, topCount] = [...tally].sort((a, b) => b[1] - a[1])[0] as [number, number];
      if (topCount > rows.length / 2) concentrated += 1;
      for (const r of rows) {
        if (clusterOf(r) === top) [inSum, inCount] = [inSum + r.rating, inCount + 1];
        else [outSum, outCount] = [outSum + r.rating, outCount + 1];
      }
    }
    assert.ok(concentrated >= 0.8 * byUser.size, `only ${concentrated} of ${byUser.size} users concentrated`);
    assert.ok(inSum / inCount > outSum / outCount + 0.5, "in-cluster items are rated higher");
  });
});
