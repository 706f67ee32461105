import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { openDataset } from "./index.ts";

const ID_RULE = "an id of 1-64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit";
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe("ml-100k loader", () => {
  it("reads latin-1 titles, genre flags by u.genre names, and tab-separated ratings", async () => {
    const dataset = await openDataset(fixture("ml-100k"));
    assert.equal(dataset.format, "ml-100k");
    const movies = await collect(dataset.movies());
    assert.deepEqual(movies, [
      { itemId: "1", title: "Toy Story (1995)", year: 1995, genres: ["Animation", "Children's", "Comedy"] },
      { itemId: "2", title: "Café Society (1995)", year: 1995, genres: ["Drama"] },
      { itemId: "3", title: "Dateless Title", year: 1997, genres: ["Crime", "Thriller"] },
    ]);
    const ratings = await collect(dataset.ratings());
    assert.deepEqual(
      ratings.map((r) => [r.userId, r.itemId, r.rating, r.timestamp]),
      [
        ["196", "1", 3, 881_250_949_000],
        ["186", "2", 5, 891_717_742_000],
        ["244", "2", 2, 880_606_923_000],
      ],
    );
    const samples = dataset
      .reports()
      .flatMap((r) => r.samples.map((s) => [s.file.split("/").pop(), s.line, s.reason]));
    assert.deepEqual(samples, [
      ["u.item", 4, "expected 24 fields, found 7"],
      ["u.data", 3, "rating 6 outside 1-5"],
      ["u.data", 5, "timestamp 788918399 is before 1995-01-01"],
    ]);
  });
});

describe("ml-1m loader", () => {
  it("reads latin-1 titles and ::-separated rows, skipping out-of-range ratings", async () => {
    const dataset = await openDataset(fixture("ml-1m"));
    assert.equal(dataset.format, "ml-1m");
    const movies = await collect(dataset.movies());
    assert.deepEqual(movies, [
      { itemId: "1", title: "Toy Story (1995)", year: 1995, genres: ["Animation", "Children's", "Comedy"] },
      { itemId: "2", title: "Café Society (1995)", year: 1995, genres: ["Drama"] },
    ]);
    const ratings = await collect(dataset.ratings());
    assert.deepEqual(
      ratings.map((r) => [r.userId, r.itemId, r.rating, r.timestamp]),
      [
        ["1", "1", 5, 978_300_760_000],
        ["1", "2", 3, 978_302_109_000],
        ["2", "1", 4.5, 978_301_968_000],
        ["6040", "1", 1, 956_703_932_000],
      ],
    );
    const samples = dataset
      .reports()
      .flatMap((r) => r.samples.map((s) => [s.file.split("/").pop(), s.line, s.reason]));
    assert.deepEqual(samples, [
      ["movies.dat", 3, "expected 3 fields, found 2"],
      ["ratings.dat", 4, "rating 0 outside 1-5"],
      ["ratings.dat", 6, `bad userId "user 7": ${ID_RULE}`],
    ]);
  });
});
