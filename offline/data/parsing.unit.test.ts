import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crc32 } from "../../core/crc32.ts";
import { parseCsvLine } from "./csv-line.ts";
import { fastRating } from "./fast-rating.ts";
import { ratingFromFields, yearFromTitle } from "./field-parsers.ts";
import { parseLatestMovie, parseLatestRating } from "./ml-latest-format.ts";

describe("parseCsvLine", () => {
  it("splits plain and quoted fields, unescaping doubled quotes", () => {
    assert.deepEqual(parseCsvLine("1,Toy Story (1995),Comedy"), {
      ok: true,
      fields: ["1", "Toy Story (1995)", "Comedy"],
    });
    assert.deepEqual(parseCsvLine('7789,"11\'09""01 - September 11 (2002)",Drama'), {
      ok: true,
      fields: ["7789", "11'09\"01 - September 11 (2002)", "Drama"],
    });
    assert.deepEqual(parseCsvLine('a,"x, y",'), { ok: true, fields: ["a", "x, y", ""] });
  });

  it("reports unterminated and misplaced quotes", () => {
    assert.deepEqual(parseCsvLine('1,"open,Drama'), { ok: false, reason: "unterminated quote" });
    assert.equal(parseCsvLine('1,"a"b,c').ok, false);
    assert.equal(parseCsvLine('1,a"b,c').ok, false);
  });
});

describe("yearFromTitle", () => {
  it("reads a trailing (YYYY), allowing trailing spaces and a year span", () => {
    assert.equal(yearFromTitle("American President, The (1995)"), 1995);
    assert.equal(yearFromTitle("Runaway Brain (1995) "), 1995);
    assert.equal(yearFromTitle("Death Note: Desu nôto (2006–2007)"), 2006);
    assert.equal(yearFromTitle("Babylon 5"), null);
    assert.equal(yearFromTitle("Assembly (Ji jie hao)"), null);
  });
});

describe("rating lines", () => {
  it("fast path agrees with the full parser on good lines", () => {
    const good = [
      "1,1,4.0,964982703",
      "610,170875,3,1493846415",
      "2,5,0.5,788918400",
      "9,9,5.00,1700000000",
      `user-7:a.b_c,${"m".repeat(64)},1.5,964982703`,
    ];
    for (const line of good) {
      const full = ratingFromFields(line.split(","), 0.5, 5);
      assert.deepEqual(fastRating(line, ",", 0.5, 5), full, line);
    }
  });

  it("fast path declines anything unusual, and the full parser says why", () => {
    const cases: [string, RegExp][] = [
      ["1,1,abc,964982703", /non-numeric rating/],
      ["1,1,5.5,964982703", /outside 0.5-5/],
      ["1,1,4.0,12ab", /bad timestamp/],
      ["1,1,4.0", /expected 4 fields, found 3/],
      ["1,1,4.0,1,2", /expected 4 fields, found 5/],
      [",1,4.0,964982703", /empty userId/],
      ['1,"1,4.0,964982703', /unterminated quote/],
      ["1,1,3.3,964982703", /rating 3\.3 is not in half stars/],
      ["1,1,0.25,964982703", /outside 0.5-5/],
      ["1,1,4.0,788918399", /timestamp 788918399 is before 1995-01-01/],
      ["1,1,4.0,0", /before 1995-01-01/],
      ["us/er,1,4.0,964982703", /bad userId "us\/er"/],
      ["-1,1,4.0,964982703", /bad userId "-1"/],
      [" 1,1,4.0,964982703", /bad userId " 1"/],
      [`${"9".repeat(65)},1,4.0,964982703`, /bad userId/],
      ["__proto__,1,4.0,964982703", /bad userId "__proto__"/],
      ["constructor,1,4.0,964982703", /userId "constructor" is a reserved name/],
      ["1,prototype,4.0,964982703", /itemId "prototype" is a reserved name/],
    ];
    for (const [line, reason] of cases) {
      assert.equal(fastRating(line, ",", 0.5, 5), null, line);
      const parsed = parseLatestRating(line);
      assert.equal(typeof parsed, "string", line);
      assert.match(parsed as string, reason);
    }
  });

  it("converts Unix seconds to milliseconds", () => {
    assert.deepEqual(parseLatestRating("1,31,2.5,964982703"), {
      userId: "1",
      itemId: "31",
      rating: 2.5,
      timestamp: 964_982_703_000,
    });
  });
});

describe("parseLatestMovie", () => {
  it("rejects movie ids the event schema would reject", () => {
    assert.match(
      parseLatestMovie("prototype,Title (2001),Drama") as string,
      /movieId "prototype" is a reserved/,
    );
    assert.match(parseLatestMovie("a b,Title (2001),Drama") as string, /bad movieId "a b"/);
  });

  it("keeps the title as written and splits genres", () => {
    assert.deepEqual(parseLatestMovie('11,"American President, The (1995)",Comedy|Drama|Romance'), {
      itemId: "11",
      title: "American President, The (1995)",
      year: 1995,
      genres: ["Comedy", "Drama", "Romance"],
    });
    assert.deepEqual(parseLatestMovie("143410,Hyena Road,(no genres listed)"), {
      itemId: "143410",
      title: "Hyena Road",
      year: null,
      genres: ["(no genres listed)"],
    });
  });
});

describe("crc32", () => {
  it("matches the standard check value and chains across pieces", () => {
    const bytes = Buffer.from("123456789", "ascii");
    assert.equal(crc32(bytes), 0xcbf43926);
    assert.equal(crc32(bytes.subarray(4), crc32(bytes.subarray(0, 4))), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
  });
});
