import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StarlingError } from "../../core/errors.ts";
import { prefixPattern } from "./delete-keys-with-prefix.ts";
import { parseCheckpoint, parseScore, scoredMembers } from "./replies.ts";
import { needsScript, scriptCall, writeCommands } from "./write-encoding.ts";

const prefixed = (key: string) => `p:${key}`;

describe("write encoding", () => {
  it("turns writes into native commands with PX on SET and LTRIM after LPUSH", () => {
    assert.deepEqual(writeCommands({ op: "set", key: "k", value: "v", ttlMs: 5 }, "p:k"), [
      ["SET", "p:k", "v", "PX", "5"],
    ]);
    assert.deepEqual(writeCommands({ op: "lpush", key: "l", values: ["a", "b"], cap: 3 }, "p:l"), [
      ["LPUSH", "p:l", "a", "b"],
      ["LTRIM", "p:l", "0", "2"],
    ]);
    assert.deepEqual(writeCommands({ op: "zincrby", key: "z", member: "m", by: -1.5 }, "p:z"), [
      ["ZINCRBY", "p:z", "-1.5", "m"],
    ]);
  });

  it("sends only collection writes with a TTL through the script", () => {
    assert.equal(needsScript({ op: "hset", key: "h", fields: { a: "1" }, ttlMs: 10 }), true);
    assert.equal(needsScript({ op: "hset", key: "h", fields: { a: "1" } }), false);
    assert.equal(needsScript({ op: "set", key: "s", value: "v", ttlMs: 10 }), false);
    assert.equal(needsScript({ op: "expire", key: "s", ttlMs: 10 }), false);
  });

  it("lays out the script's KEYS and ARGV: checkpoint first, then op, count and arguments per write", () => {
    const call = scriptCall(
      [
        { op: "hincrby", key: "h", field: "n", by: 2 },
        { op: "del", key: "d" },
      ],
      { key: "offsets", field: "t:0", offset: 7 },
      prefixed,
    );
    assert.deepEqual(call.keys, ["p:offsets", "p:h", "p:d"]);
    assert.deepEqual(call.argv, ["t:0", "7", "hincrby", "3", "", "n", "2", "del", "1", ""]);
    assert.deepEqual(scriptCall([{ op: "del", key: "d" }], null, prefixed).argv.slice(0, 2), ["", ""]);
  });
});

describe("reply parsing", () => {
  it("reads scores including Redis's inf spelling, pairing members with scores in order", () => {
    assert.equal(parseScore("inf"), Number.POSITIVE_INFINITY);
    assert.equal(parseScore("-inf"), Number.NEGATIVE_INFINITY);
    assert.deepEqual(scoredMembers(["b", "2.5", "a", "-1"]), [
      { member: "b", score: 2.5 },
      { member: "a", score: -1 },
    ]);
  });

  it("reads decimal checkpoints and rejects anything else as corrupt_value", () => {
    assert.equal(parseCheckpoint("k", "f", null), null);
    assert.equal(parseCheckpoint("k", "f", "42"), 42);
    for (const stored of ["-1", "01", "1.5", "x", ""]) {
      assert.throws(
        () => parseCheckpoint("k", "f", stored),
        (error: unknown) => error instanceof StarlingError && error.code === "corrupt_value",
      );
    }
  });

  it("escapes glob characters so a prefix scan matches only that prefix", () => {
    assert.equal(prefixPattern("r_1:"), "r_1:*");
    assert.equal(prefixPattern("a*b?[c]\\"), "a\\*b\\?\\[c\\]\\\\*");
  });
});
