import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { ManualClock } from "../../../core/clock.ts";
import { StarlingError, ValidationError } from "../../../core/errors.ts";
import type { CacheWrite } from "../../../core/ports/feature-cache.ts";
import { createInMemoryFeatureCache } from "./index.ts";

function setUp(t: TestContext, maxEntries = 100) {
  const clock = new ManualClock(1_000_000);
  const cache = createInMemoryFeatureCache({ maxEntries, clock });
  t.after(() => cache.close());
  return { clock, cache };
}

const hasCode = (code: string) => (error: unknown) => error instanceof StarlingError && error.code === code;

describe("InMemoryFeatureCache", () => {
  it("stores a copy of a vector and returns a fresh copy on every read", async (t) => {
    const { cache } = setUp(t);
    const vector = new Float32Array([1, 2, 3]);
    await cache.batch([{ op: "setVector", key: "v", vector }]);
    vector[0] = 99;
    const first = await cache.getVector("v");
    assert.deepEqual(Array.from(first ?? []), [1, 2, 3]);
    if (first) first[1] = 42;
    const [again] = await cache.mgetVectors(["v"]);
    assert.deepEqual(Array.from(again ?? []), [1, 2, 3]);
  });

  it("judges each write by the kinds the earlier writes in the batch leave", async (t) => {
    const { cache } = setUp(t);
    await cache.set("s", "text");
    await cache.batch([
      { op: "del", key: "s" },
      { op: "lpush", key: "s", values: ["a"], cap: 3 },
    ]);
    assert.deepEqual(await cache.lrange("s", 0, -1), ["a"]);
    await assert.rejects(
      cache.batch([
        { op: "set", key: "fresh", value: "v" },
        { op: "zincrby", key: "fresh", member: "m", by: 1 },
      ]),
      hasCode("wrong_type"),
    );
    assert.equal(await cache.get("fresh"), null);
  });

  it("judges hincrby by the field values the earlier writes in the batch leave", async (t) => {
    const { cache } = setUp(t);
    await cache.batch([{ op: "hset", key: "h", fields: { n: "word" } }]);
    const checkpoint = { key: "offsets", field: "p0", offset: 1 };
    const reset: CacheWrite[] = [
      { op: "hset", key: "h", fields: { n: "5" } },
      { op: "hincrby", key: "h", field: "n", by: 1 },
      { op: "hincrby", key: "h", field: "n", by: 1 },
    ];
    assert.equal(await cache.applyAtomically(reset, checkpoint), true);
    assert.equal(await cache.hget("h", "n"), "7");
    const spoil: CacheWrite[] = [
      { op: "hincrby", key: "h", field: "n", by: 1 },
      { op: "hset", key: "h", fields: { n: "oops" } },
      { op: "hincrby", key: "h", field: "n", by: 1 },
    ];
    await assert.rejects(cache.applyAtomically(spoil, { ...checkpoint, offset: 2 }), hasCode("wrong_type"));
    assert.equal(await cache.hget("h", "n"), "7");
    assert.equal(await cache.getCheckpoint("offsets", "p0"), 1);
  });

  it("rejects hincrby on fields that only look numeric, as Redis does", async (t) => {
    const { cache } = setUp(t);
    const fields = { exponent: "1e3", padded: " 7", plus: "+5", hex: "0x10", negativeZero: "-0" };
    await cache.batch([{ op: "hset", key: "h", fields }]);
    for (const field of Object.keys(fields)) {
      await assert.rejects(cache.batch([{ op: "hincrby", key: "h", field, by: 1 }]), hasCode("wrong_type"));
    }
    assert.deepEqual(await cache.hgetall("h"), fields);
  });

  it("catches an overflow that only the second increment in a batch causes", async (t) => {
    const { cache } = setUp(t);
    const start = String(Number.MAX_SAFE_INTEGER - 1);
    await cache.batch([{ op: "hset", key: "h", fields: { n: start } }]);
    const twice: CacheWrite[] = [
      { op: "hincrby", key: "h", field: "n", by: 1 },
      { op: "hincrby", key: "h", field: "n", by: 1 },
    ];
    await assert.rejects(cache.batch(twice), hasCode("out_of_range"));
    assert.equal(await cache.hget("h", "n"), start);
  });

  it("rejects an increment that would leave the safe integer range, applying nothing", async (t) => {
    const { cache } = setUp(t);
    await cache.batch([{ op: "hset", key: "h", fields: { n: String(Number.MAX_SAFE_INTEGER) } }]);
    await assert.rejects(
      cache.batch([
        { op: "set", key: "s", value: "v" },
        { op: "hincrby", key: "h", field: "n", by: 1 },
      ]),
      hasCode("out_of_range"),
    );
    assert.equal(await cache.get("s"), null);
  });

  it("rejects invalid arguments with ValidationError before applying anything", async (t) => {
    const { cache } = setUp(t);
    const invalid: CacheWrite[] = [
      { op: "set", key: "k", value: "v", ttlMs: 0 },
      { op: "set", key: "k", value: "v", ttlMs: 1.5 },
      { op: "expire", key: "k", ttlMs: -1 },
      { op: "lpush", key: "k", values: ["a"], cap: 0 },
      { op: "hincrby", key: "k", field: "f", by: 0.5 },
      { op: "zincrby", key: "k", member: "m", by: Number.NaN },
      { op: "zadd", key: "k", entries: [{ member: "m", score: Number.POSITIVE_INFINITY }] },
    ];
    for (const write of invalid) {
      await assert.rejects(cache.batch([{ op: "set", key: "before", value: "v" }, write]), ValidationError);
    }
    await assert.rejects(cache.applyAtomically([], { key: "o", field: "f", offset: -1 }), ValidationError);
    assert.equal(await cache.get("before"), null);
  });

  it("skips empty hset, lpush and zadd writes without creating keys", async (t) => {
    const { cache } = setUp(t);
    await cache.batch([
      { op: "hset", key: "h", fields: {} },
      { op: "lpush", key: "l", values: [], cap: 3 },
      { op: "zadd", key: "z", entries: [] },
    ]);
    assert.equal(cache.size(), 0);
  });

  it("after LRU evicts a checkpoint, reads it as missing and applies the next batch again", async (t) => {
    const { cache } = setUp(t, 2);
    const checkpoint = { key: "offsets", field: "p0", offset: 5 };
    assert.equal(await cache.applyAtomically([{ op: "set", key: "a", value: "1" }], checkpoint), true);
    await cache.set("b", "2");
    await cache.set("c", "3");
    assert.equal(await cache.getCheckpoint("offsets", "p0"), null);
    assert.equal(await cache.applyAtomically([{ op: "set", key: "a", value: "1" }], checkpoint), true);
  });

  it("rejects a stored checkpoint that is not a decimal offset with corrupt_value", async (t) => {
    const { cache } = setUp(t);
    await cache.batch([{ op: "hset", key: "offsets", fields: { p0: "12abc" } }]);
    await assert.rejects(cache.getCheckpoint("offsets", "p0"), hasCode("corrupt_value"));
    await assert.rejects(
      cache.applyAtomically([], { key: "offsets", field: "p0", offset: 20 }),
      hasCode("corrupt_value"),
    );
  });

  it("treats a vector as its own kind", async (t) => {
    const { cache } = setUp(t);
    await cache.batch([{ op: "setVector", key: "v", vector: new Float32Array([1]) }]);
    await assert.rejects(cache.get("v"), hasCode("wrong_type"));
    await cache.set("s", "text");
    await assert.rejects(cache.getVector("s"), hasCode("wrong_type"));
  });

  it("reports the remaining TTL from the injected clock", async (t) => {
    const { cache, clock } = setUp(t);
    await cache.set("k", "v", 1000);
    clock.advance(400);
    assert.equal(await cache.ttl("k"), 600);
    clock.advance(600);
    assert.equal(await cache.ttl("k"), null);
    assert.equal(await cache.get("k"), null);
  });

  it("rejects every call after close with code closed", async (t) => {
    const { cache } = setUp(t);
    await cache.set("k", "v");
    await cache.close();
    await assert.rejects(cache.get("k"), hasCode("closed"));
    await assert.rejects(cache.batch([]), hasCode("closed"));
    await assert.rejects(cache.applyAtomically([], { key: "o", field: "f", offset: 1 }), hasCode("closed"));
  });
});
