import assert from "node:assert/strict";
import { it } from "node:test";
import { splitSqlStatements } from "./sql-statements.ts";

it("splits on semicolons and drops comments and empty statements", () => {
  const script = `-- heading; not a statement
CREATE TABLE a (x INT); # trailing; comment
/* block; comment */ CREATE TABLE b (y INT);;
  `;
  assert.deepEqual(splitSqlStatements(script), ["CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"]);
});

it("keeps semicolons and comment markers inside quotes", () => {
  const script = `INSERT INTO t VALUES ('a;b', "c;--d", 'it''s; fine', 'back\\'slash;');
SELECT \`odd;name\` FROM t`;
  assert.deepEqual(splitSqlStatements(script), [
    `INSERT INTO t VALUES ('a;b', "c;--d", 'it''s; fine', 'back\\'slash;')`,
    "SELECT `odd;name` FROM t",
  ]);
});

it("treats -- without a following space as an operator, not a comment", () => {
  assert.deepEqual(splitSqlStatements("SELECT 1--1; SELECT 2"), ["SELECT 1--1", "SELECT 2"]);
});

it("splits the real migration files into CREATE statements", async () => {
  const { readFileSync } = await import("node:fs");
  const script = readFileSync(new URL("../../schemas/sql/001_init.sql", import.meta.url), "utf8");
  const statements = splitSqlStatements(script);
  assert.ok(statements.length >= 8);
  for (const statement of statements) assert.match(statement, /^CREATE TABLE IF NOT EXISTS \w+ \(/);
});
