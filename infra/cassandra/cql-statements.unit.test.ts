import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitCqlStatements } from "./cql-statements.ts";

describe("splitCqlStatements", () => {
  it("splits on semicolons and drops comments and blank statements", () => {
    const script = `-- heading; not a statement
CREATE TABLE a (x int PRIMARY KEY); // trailing; comment
/* block; comment */ CREATE TABLE b (y int PRIMARY KEY)
  WITH comment = 'c';
;
`;
    assert.deepEqual(splitCqlStatements(script), [
      "CREATE TABLE a (x int PRIMARY KEY)",
      "CREATE TABLE b (y int PRIMARY KEY)\n  WITH comment = 'c'",
    ]);
  });

  it("keeps semicolons and comment markers inside string literals and quoted identifiers", () => {
    const script = `INSERT INTO t (k, v) VALUES ('a;b -- c', 'it''s; fine');
SELECT "odd;name" FROM t`;
    assert.deepEqual(splitCqlStatements(script), [
      "INSERT INTO t (k, v) VALUES ('a;b -- c', 'it''s; fine')",
      'SELECT "odd;name" FROM t',
    ]);
  });

  it("gives nothing for a script of comments only", () => {
    assert.deepEqual(splitCqlStatements("-- only\n/* comments */\n"), []);
  });

  it("splits the repository's migrations into CREATE statements", async () => {
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(new URL("../../schemas/cql/001_init.cql", import.meta.url), "utf8");
    const statements = splitCqlStatements(text);
    assert.ok(statements.length >= 6);
    for (const s of statements) assert.match(s, /^CREATE TABLE IF NOT EXISTS \w+ \(/);
  });
});
