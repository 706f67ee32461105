import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { messageOf } from "./error-message.ts";

describe("messageOf", () => {
  it("gives an Error's message and any other value as text", () => {
    assert.equal(messageOf(new TypeError("bad input")), "bad input");
    assert.equal(messageOf("plain"), "plain");
    assert.equal(messageOf(42), "42");
    assert.equal(messageOf(undefined), "undefined");
  });
});
