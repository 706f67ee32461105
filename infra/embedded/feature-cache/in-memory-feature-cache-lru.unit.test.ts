import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { ManualClock } from "../../../core/clock.ts";
import { ConfigError } from "../../../core/errors.ts";
import { createInMemoryFeatureCache } from "./index.ts";

function setUp(t: TestContext, maxEntries: number) {
  const clock = new ManualClock(1_000_000);
  const cache = createInMemoryFeatureCache({ maxEntries, clock });
  t.after(() => cache.close());
  return { clock, cache };
}

describe("InMemoryFeatureCache entry bound", () => {
  it("never holds more than maxEntries keys, keeping the most recent writes", async (t) => {
    const { cache } = setUp(t, 10);
    for (let i = 0; i < 100; i++) {
      await cache.set(`k${i}`, String(i));
      assert.ok(cache.size() <= 10, `size ${cache.size()} after ${i + 1} writes`);
    }
    assert.equal(cache.size(), 10);
    assert.deepEqual(await cache.mget(["k89", "k90", "k99"]), [null, "90", "99"]);
  });

  it("also holds to the bound when one batch writes more keys than fit", async (t) => {
    const { cache } = setUp(t, 3);
    await cache.batch(["a", "b", "c", "d", "e"].map((key) => ({ op: "set" as const, key, value: key })));
    assert.equal(cache.size(), 3);
    assert.deepEqual(await cache.mget(["a", "b", "c", "d", "e"]), [null, null, "c", "d", "e"]);
  });

  it("evicts the least recently used key first", async (t) => {
    const { cache } = setUp(t, 3);
    await cache.set("a", "1");
    await cache.set("b", "2");
    await cache.set("c", "3");
    await cache.set("d", "4");
    assert.deepEqual(await cache.mget(["a", "b", "c", "d"]), [null, "2", "3", "4"]);
  });

  it("counts a read as a use, so a recently read key outlives older ones", async (t) => {
    const { cache } = setUp(t, 3);
    await cache.set("a", "1");
    await cache.batch([{ op: "hset", key: "b", fields: { f: "2" } }]);
    await cache.set("c", "3");
    assert.equal(await cache.get("a"), "1");
    await cache.set("d", "4");
    assert.deepEqual(await cache.hgetall("b"), {});
    assert.deepEqual(await cache.mget(["a", "c", "d"]), ["1", "3", "4"]);
  });

  it("counts a write to an existing key as a use", async (t) => {
    const { cache } = setUp(t, 3);
    await cache.batch([{ op: "lpush", key: "a", values: ["x"], cap: 5 }]);
    await cache.set("b", "2");
    await cache.set("c", "3");
    await cache.batch([{ op: "lpush", key: "a", values: ["y"], cap: 5 }]);
    await cache.set("d", "4");
    assert.deepEqual(await cache.lrange("a", 0, -1), ["y", "x"]);
    assert.equal(await cache.get("b"), null);
  });

  it("drops expired keys before evicting live ones, so they do not hold slots", async (t) => {
    const { cache, clock } = setUp(t, 3);
    await cache.set("oldest-live", "kept");
    await cache.set("short-1", "x", 1000);
    await cache.set("short-2", "x", 1000);
    clock.advance(1500);
    // No read in between: the write alone must find and drop the expired keys.
    await cache.set("new-1", "1");
    await cache.set("new-2", "2");
    assert.deepEqual(await cache.mget(["oldest-live", "new-1", "new-2"]), ["kept", "1", "2"]);
    assert.equal(cache.size(), 3);
  });

  it("keeps every key of an atomic write and its checkpoint, even past the bound, until the next write", async (t) => {
    const { cache } = setUp(t, 3);
    const writes = ["a", "b", "c"].map((key) => ({ op: "set" as const, key, value: key }));
    const checkpoint = { key: "offsets", field: "t:0", offset: 1 };
    assert.equal(await cache.applyAtomically(writes, checkpoint), true);
    assert.deepEqual(
      await cache.mget(["a", "b", "c"]),
      ["a", "b", "c"],
      "nothing written by the call is lost",
    );
    assert.equal(await cache.getCheckpoint("offsets", "t:0"), 1);
    assert.equal(cache.size(), 4, "a temporary overshoot");
    assert.equal(await cache.applyAtomically(writes, checkpoint), false, "a replay is skipped, state intact");
    await cache.set("d", "d");
    assert.equal(cache.size(), 3, "the next write restores the bound");
  });

  it("evicts other keys first to make room for an atomic write", async (t) => {
    const { cache } = setUp(t, 3);
    await cache.set("old-1", "1");
    await cache.set("old-2", "2");
    const applied = await cache.applyAtomically([{ op: "hincrby", key: "counts", field: "x", by: 1 }], {
      key: "offsets",
      field: "t:0",
      offset: 5,
    });
    assert.equal(applied, true);
    assert.equal(cache.size(), 3);
    assert.deepEqual(await cache.mget(["old-1", "old-2"]), [null, "2"]);
    assert.deepEqual(await cache.hgetall("counts"), { x: "1" });
    assert.equal(await cache.getCheckpoint("offsets", "t:0"), 5);
  });

  it("rejects a maxEntries that is not a positive integer", () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => createInMemoryFeatureCache({ maxEntries }), ConfigError);
    }
  });
});
