import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sharedDataDir } from "../../tests/support/shared-data.ts";
import { openDataset } from "./index.ts";
import type { LoadProgress, Movie } from "./types.ts";

describe("ml-latest loader on the shared ml-latest-small copy", () => {
  it("loads every rating with exact counts and timestamps in ms", async () => {
    const dataset = await openDataset(sharedDataDir());
    assert.equal(dataset.format, "ml-latest");
    const users = new Set<string>();
    let rows = 0;
    let first: unknown;
    let minTimestamp = Number.POSITIVE_INFINITY;
    const progress: LoadProgress[] = [];
    for await (const rating of dataset.ratings({ onProgress: (p) => progress.push(p) })) {
      first ??= rating;
      rows += 1;
      users.add(rating.userId);
      minTimestamp = Math.min(minTimestamp, rating.timestamp);
    }
    assert.equal(rows, 100_836);
    assert.equal(users.size, 610);
    assert.deepEqual(first, { userId: "1", itemId: "1", rating: 4, timestamp: 964_982_703_000 });
    assert.ok(minTimestamp > Date.UTC(1990, 0, 1), "timestamps are milliseconds");
    const last = progress.at(-1);
    assert.deepEqual(last, { file: last?.file, bytes: 2_382_886, totalBytes: 2_382_886, rows: 100_836 });
    const report = dataset.reports().find((r) => r.file.endsWith("ratings.csv"));
    assert.deepEqual(report && { rows: report.rows, malformed: report.malformed }, {
      rows: 100_836,
      malformed: 0,
    });
  });

  it("loads every movie with its genres, quoted titles and years", async () => {
    const dataset = await openDataset(sharedDataDir());
    const byId = new Map<string, Movie>();
    const genres = new Set<string>();
    for await (const movie of dataset.movies()) {
      byId.set(movie.itemId, movie);
      for (const genre of movie.genres) genres.add(genre);
    }
    assert.equal(byId.size, 9_742);
    assert.equal(genres.size, 20);
    assert.ok(genres.has("(no genres listed)"));
    assert.deepEqual(byId.get("11"), {
      itemId: "11",
      title: "American President, The (1995)",
      year: 1995,
      genres: ["Comedy", "Drama", "Romance"],
    });
    assert.equal(byId.get("7789")?.title, "11'09\"01 - September 11 (2002)");
    assert.equal(byId.get("40697")?.year, null, "Babylon 5 has no year");
    assert.equal(byId.get("27008")?.year, 1999, "year followed by a space");
    assert.ok([...byId.values()].filter((m) => m.year === null).length < 20);
    const report = dataset.reports().find((r) => r.file.endsWith("movies.csv"));
    assert.equal(report?.malformed, 0);
    assert.equal(report?.rows, 9_742);
  });
});
