import assert from "node:assert/strict";
import { it } from "node:test";
import { ConfigError } from "../../core/errors.ts";
import { parseMysqlUrl, redacted, withDatabase } from "./mysql-url.ts";

it("parses credentials, host, port and database", () => {
  assert.deepEqual(parseMysqlUrl("mysql://app:p%40ss@db.local:3307/starling"), {
    host: "db.local",
    port: 3307,
    user: "app",
    password: "p@ss",
    database: "starling",
  });
  assert.deepEqual(parseMysqlUrl("mysql://root@127.0.0.1/test"), {
    host: "127.0.0.1",
    port: 3306,
    user: "root",
    password: "",
    database: "test",
  });
});

it("rejects other schemes, missing and unsafe database names", () => {
  for (const bad of ["redis://h:1/db", "mysql://root@h:1", "mysql://root@h:1/", "mysql://h/a-b", "nope"]) {
    assert.throws(() => parseMysqlUrl(bad), ConfigError, bad);
  }
});

it("swaps the database and hides the password", () => {
  assert.equal(withDatabase("mysql://root:pw@h:3306/test", "db_1"), "mysql://root:pw@h:3306/db_1");
  assert.equal(redacted("mysql://root:secret@h:3306/test"), "mysql://root:***@h:3306/test");
  assert.throws(
    () => parseMysqlUrl("mysql://root:secret@h:3306/a-b"),
    (error: Error) => !error.message.includes("secret"),
  );
});
