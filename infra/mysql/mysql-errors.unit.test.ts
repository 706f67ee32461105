import assert from "node:assert/strict";
import { it } from "node:test";
import { StarlingError, UnavailableError, ValidationError } from "../../core/errors.ts";
import { breaksConnection, mysqlFailure } from "./mysql-errors.ts";

const failure = (fields: Record<string, unknown>, message = "boom") =>
  Object.assign(new Error(message), fields);

it("maps connection loss, timeouts, refusals and a full queue to UnavailableError", () => {
  for (const error of [
    failure({ code: "ECONNREFUSED" }),
    failure({ code: "PROTOCOL_SEQUENCE_TIMEOUT" }),
    failure({ code: "ER_LOCK_DEADLOCK" }),
    failure({ code: "X", fatal: true }),
    new Error("Queue limit reached."),
  ]) {
    const mapped = mysqlFailure("read", error);
    assert.ok(mapped instanceof UnavailableError, String(error));
    assert.equal(mapped.retriable, true);
    assert.match(mapped.message, /^MySQL store could not read: /);
  }
});

it("maps values the schema cannot hold to ValidationError and the rest to a non-retriable error", () => {
  assert.ok(mysqlFailure("write", failure({ code: "ER_DATA_TOO_LONG" })) instanceof ValidationError);
  const other = mysqlFailure("write", failure({ code: "ER_PARSE_ERROR" }));
  assert.ok(other instanceof StarlingError && !(other instanceof UnavailableError));
  assert.equal(other.retriable, false);
  const own = new ValidationError("mine");
  assert.equal(mysqlFailure("write", own), own);
});

it("discards connections after network failures and timeouts but keeps them after lock conflicts", () => {
  assert.equal(breaksConnection(failure({ code: "PROTOCOL_SEQUENCE_TIMEOUT" })), true);
  assert.equal(breaksConnection(failure({ code: "X", fatal: true })), true);
  assert.equal(breaksConnection(failure({ code: "ER_LOCK_DEADLOCK" })), false);
  assert.equal(breaksConnection(failure({ code: "ER_DUP_ENTRY" })), false);
});
