import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ReplyError } from "ioredis";
import { StarlingError, UnavailableError } from "../../core/errors.ts";
import { redisError } from "./redis-errors.ts";

const reply = (message: string): Error => new ReplyError(message) as Error;

describe("redisError", () => {
  it("maps type errors from replies and scripts to wrong_type", () => {
    for (const message of [
      "WRONGTYPE Operation against a key holding the wrong kind of value",
      "ERR hash value is not an integer",
      "WRONGTYPE key p:s holds a string, not a list",
    ]) {
      const mapped = redisError(reply(message), "batch");
      assert.equal(mapped.code, "wrong_type", message);
      assert.equal(mapped.retriable, false);
    }
  });

  it("keeps other server replies apart: overflow, corrupt checkpoint, argument errors", () => {
    assert.equal(redisError(reply("ERR increment or decrement would overflow"), "x").code, "out_of_range");
    assert.equal(redisError(reply("CORRUPT checkpoint k f holds x"), "x").code, "corrupt_value");
    assert.equal(redisError(reply("ERR value is not an integer or out of range"), "x").code, "redis_error");
  });

  it("treats replies that mean 'not now' as retriable UnavailableError", () => {
    for (const message of [
      "LOADING Redis is loading the dataset in memory",
      "OOM command not allowed",
      "BUSY script",
    ]) {
      assert.ok(redisError(reply(message), "x") instanceof UnavailableError, message);
    }
  });

  it("treats every failure without a server reply as retriable UnavailableError", () => {
    for (const error of [new Error("Command timed out"), new Error("Connection is closed."), "weird"]) {
      const mapped = redisError(error, "get");
      assert.ok(mapped instanceof UnavailableError);
      assert.equal(mapped.retriable, true);
    }
  });

  it("passes StarlingErrors through unchanged", () => {
    const original = new StarlingError("x", { code: "corrupt_value" });
    assert.equal(redisError(original, "getVector"), original);
  });
});
