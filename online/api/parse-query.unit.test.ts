import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hono } from "hono";
import { ValidationError } from "../../core/errors.ts";
import { parseQuery } from "./parse-query.ts";
import {
  genreItemsQuery,
  kOnlyQuery,
  MAX_EXCLUDE,
  recommendationsQuery,
  SIMILAR_METHODS,
  similarQuery,
} from "./query-schemas.ts";

type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; field: string | undefined; issues: readonly { field: string; message: string }[] };

/** Parses `query` against `schema` inside a real Hono request, as the routes do. */
async function parse(schema: Parameters<typeof parseQuery>[1], query: string): Promise<Outcome> {
  const app = new Hono();
  let outcome: Outcome | undefined;
  app.get("/q", (c) => {
    try {
      outcome = { ok: true, value: parseQuery(c, schema) };
    } catch (error) {
      assert.ok(error instanceof ValidationError, `not a ValidationError: ${error}`);
      assert.equal(error.status, 400);
      outcome = { ok: false, field: error.field, issues: error.issues };
    }
    return c.text("");
  });
  await app.request(`/q${query === "" ? "" : `?${query}`}`);
  assert.ok(outcome);
  return outcome;
}

async function rejects(schema: Parameters<typeof parseQuery>[1], query: string, field: string) {
  const outcome = await parse(schema, query);
  assert.equal(outcome.ok, false, `${query} was accepted`);
  if (!outcome.ok) {
    assert.equal(outcome.field, field, `${query} names ${outcome.field}`);
    assert.ok(outcome.issues.length > 0 && outcome.issues[0]?.message);
  }
}

async function accepts(schema: Parameters<typeof parseQuery>[1], query: string): Promise<unknown> {
  const outcome = await parse(schema, query);
  assert.ok(outcome.ok, `${query} refused: ${JSON.stringify(outcome)}`);
  return outcome.value;
}

describe("parseQuery", () => {
  it("a repeated parameter is refused, naming it", async () => {
    await rejects(recommendationsQuery, "k=3&k=4", "k");
    await rejects(recommendationsQuery, "k=3&model=ranker&model=ranker", "model");
    await rejects(similarQuery, "method=als&method=graph", "method");
  });

  it("an unknown parameter is refused, naming the parameter itself", async () => {
    await rejects(recommendationsQuery, "kk=5", "kk");
    await rejects(kOnlyQuery, "k=5&sort=rating", "sort");
    // Not swallowed by a plain object's prototype setter.
    await rejects(recommendationsQuery, "k=5&__proto__=1", "__proto__");
    await rejects(recommendationsQuery, "constructor=1", "constructor");
  });

  it("an empty query string gives the defaults", async () => {
    assert.deepEqual(await accepts(recommendationsQuery, ""), { k: 10, exclude: [], explain: false });
    assert.deepEqual(await accepts(similarQuery, ""), { k: 10, method: "item2vec" });
    assert.deepEqual(await accepts(genreItemsQuery, ""), { k: 10, sort: "rating" });
  });

  it("lists every issue, the first one naming the field", async () => {
    const outcome = await parse(recommendationsQuery, "k=0&model=best");
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.deepEqual(outcome.issues.map((i) => i.field).sort(), ["k", "model"]);
  });
});

describe("recommendationsQuery", () => {
  it("k: 1 to 100, digits only", async () => {
    for (const k of ["1", "10", "100"]) {
      assert.equal(((await accepts(recommendationsQuery, `k=${k}`)) as { k: number }).k, Number(k));
    }
    for (const k of ["0", "101", "abc", "1.5", "-1", "", "1e2", " 5", "0x10", "99999999999"]) {
      await rejects(recommendationsQuery, `k=${encodeURIComponent(k)}`, "k");
    }
  });

  it("model: ranker or embedding", async () => {
    assert.deepEqual(await accepts(recommendationsQuery, "model=embedding"), {
      k: 10,
      model: "embedding",
      exclude: [],
      explain: false,
    });
    for (const model of ["Ranker", "popular", "", "cold-start"]) {
      await rejects(recommendationsQuery, `model=${model}`, "model");
    }
  });

  it("exclude: comma-separated valid ids, at most MAX_EXCLUDE", async () => {
    const value = (await accepts(recommendationsQuery, "exclude=1,2,318")) as { exclude: string[] };
    assert.deepEqual(value.exclude, ["1", "2", "318"]);
    assert.deepEqual(
      ((await accepts(recommendationsQuery, "exclude=")) as { exclude: string[] }).exclude,
      [],
    );
    for (const bad of ["1,,2", "1,__proto__", "a/b", "1,x y", `${"9".repeat(65)}`, "1,\u0001"]) {
      await rejects(recommendationsQuery, `exclude=${encodeURIComponent(bad)}`, "exclude");
    }
    const many = Array.from({ length: MAX_EXCLUDE + 1 }, (_, i) => String(i)).join(",");
    await rejects(recommendationsQuery, `exclude=${many}`, "exclude");
    const most = Array.from({ length: MAX_EXCLUDE }, (_, i) => String(i)).join(",");
    await accepts(recommendationsQuery, `exclude=${most}`);
  });

  it("explain: 0, 1, true or false", async () => {
    for (const [raw, flag] of [
      ["1", true],
      ["true", true],
      ["0", false],
      ["false", false],
    ] as const) {
      assert.equal(
        ((await accepts(recommendationsQuery, `explain=${raw}`)) as { explain: boolean }).explain,
        flag,
      );
    }
    for (const raw of ["yes", "2", "", "TRUE"])
      await rejects(recommendationsQuery, `explain=${raw}`, "explain");
  });
});

describe("similar, genre and k-only queries", () => {
  it("method: one of the similar methods", async () => {
    for (const method of SIMILAR_METHODS) {
      assert.equal(((await accepts(similarQuery, `method=${method}`)) as { method: string }).method, method);
    }
    for (const method of ["word2vec", "ALS", ""]) await rejects(similarQuery, `method=${method}`, "method");
    await rejects(similarQuery, "k=101", "k");
  });

  it("sort: rating, popularity or recent", async () => {
    for (const sort of ["rating", "popularity", "recent"]) await accepts(genreItemsQuery, `sort=${sort}`);
    for (const sort of ["newest", "Rating", ""]) await rejects(genreItemsQuery, `sort=${sort}`, "sort");
  });

  it("the k-only query takes k alone", async () => {
    assert.deepEqual(await accepts(kOnlyQuery, "k=7"), { k: 7 });
    await rejects(kOnlyQuery, "k=abc", "k");
  });
});
