import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StarlingError, UnavailableError, ValidationError } from "../../../core/errors.ts";
import { guard, sqliteFailure } from "./sqlite-errors.ts";

function sqliteError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("sqliteFailure", () => {
  it("marks lock and I/O failures retriable", () => {
    const error = sqliteFailure("write artifacts", sqliteError("SQLITE_BUSY_SNAPSHOT", "database is locked"));
    assert.ok(error instanceof UnavailableError);
    assert.equal(error.retriable, true);
    assert.match(error.message, /could not write artifacts: database is locked/);
  });

  it("wraps other failures as non-retriable store errors keeping the cause", () => {
    const cause = sqliteError("SQLITE_CONSTRAINT_NOTNULL", "NOT NULL constraint failed");
    const error = sqliteFailure("append events", cause);
    assert.equal(error.code, "store_failed");
    assert.equal(error.retriable, false);
    assert.equal(error.cause, cause);
  });

  it("passes StarlingErrors through unchanged", () => {
    const original = new ValidationError("bad", [{ field: "x", message: "bad" }]);
    assert.equal(sqliteFailure("anything", original), original);
    assert.throws(
      () =>
        guard("anything", () => {
          throw original;
        }),
      (e: unknown) => e === original,
    );
    assert.throws(
      () =>
        guard("read", () => {
          throw new TypeError("closed");
        }),
      StarlingError,
    );
    assert.equal(
      guard("read", () => 7),
      7,
    );
  });
});
