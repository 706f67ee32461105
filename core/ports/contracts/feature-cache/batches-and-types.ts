import assert from "node:assert/strict";
import { it } from "node:test";
import type { FeatureCache } from "../../feature-cache.ts";
import type { ContractHarness } from "../harness.ts";
import { rejectsWithCode, withCache } from "./fixture.ts";

/** batch ordering, and writes that meet a key of another kind (Redis's WRONGTYPE) rejecting with wrong_type. */
export function batchesAndTypes(harness: ContractHarness<FeatureCache>): void {
  it(
    "batch applies its writes in order",
    withCache(harness, async ({ cache, key }) => {
      await cache.batch([
        { op: "set", key: key("gone"), value: "v" },
        { op: "del", key: key("gone") },
        { op: "del", key: key("back") },
        { op: "set", key: key("back"), value: "v" },
        { op: "set", key: key("twice"), value: "1" },
        { op: "set", key: key("twice"), value: "2" },
        { op: "lpush", key: key("l"), values: ["x"], cap: 2 },
        { op: "lpush", key: key("l"), values: ["y"], cap: 2 },
        { op: "lpush", key: key("l"), values: ["z"], cap: 2 },
      ]);
      assert.deepEqual(await cache.mget([key("gone"), key("back"), key("twice")]), [null, "v", "2"]);
      assert.deepEqual(await cache.lrange(key("l"), 0, -1), ["z", "y"]);
    }),
  );

  it(
    "batch writes every kind in one call, and an empty batch does nothing",
    withCache(harness, async ({ cache, key }) => {
      await cache.batch([]);
      await cache.batch([
        { op: "set", key: key("s"), value: "v" },
        { op: "hset", key: key("h"), fields: { f: "x" } },
        { op: "hincrby", key: key("h"), field: "n", by: 2 },
        { op: "lpush", key: key("l"), values: ["a"], cap: 3 },
        { op: "zincrby", key: key("z"), member: "m", by: 4 },
        { op: "zadd", key: key("z"), entries: [{ member: "n", score: 1 }] },
        { op: "setVector", key: key("v"), vector: new Float32Array([0.25]) },
      ]);
      assert.equal(await cache.get(key("s")), "v");
      assert.deepEqual(await cache.hgetall(key("h")), { f: "x", n: "2" });
      assert.deepEqual(await cache.lrange(key("l"), 0, -1), ["a"]);
      assert.deepEqual(await cache.zrevrange(key("z"), 0, -1), [
        { member: "m", score: 4 },
        { member: "n", score: 1 },
      ]);
      assert.deepEqual(Array.from((await cache.getVector(key("v"))) ?? []), [0.25]);
    }),
  );

  it(
    "a write to a key holding another kind rejects with wrong_type and leaves the key as it was",
    withCache(harness, async ({ cache, key }) => {
      await cache.set(key("s"), "text");
      await cache.batch([{ op: "lpush", key: key("l"), values: ["a"], cap: 3 }]);
      await cache.batch([{ op: "hset", key: key("h"), fields: { f: "1" } }]);
      await rejectsWithCode(
        cache.batch([{ op: "lpush", key: key("s"), values: ["a"], cap: 3 }]),
        "wrong_type",
      );
      await rejectsWithCode(cache.batch([{ op: "hincrby", key: key("s"), field: "f", by: 1 }]), "wrong_type");
      await rejectsWithCode(
        cache.batch([{ op: "zincrby", key: key("l"), member: "m", by: 1 }]),
        "wrong_type",
      );
      await rejectsWithCode(
        cache.batch([{ op: "lpush", key: key("h"), values: ["a"], cap: 3 }]),
        "wrong_type",
      );
      await rejectsWithCode(cache.hgetall(key("s")), "wrong_type");
      assert.equal(await cache.get(key("s")), "text");
      assert.deepEqual(await cache.lrange(key("l"), 0, -1), ["a"]);
      assert.deepEqual(await cache.hgetall(key("h")), { f: "1" });
    }),
  );

  it(
    "hincrby on a field that does not hold an integer rejects with wrong_type",
    withCache(harness, async ({ cache, key }) => {
      await cache.batch([{ op: "hset", key: key("h"), fields: { word: "abc", fraction: "1.5" } }]);
      await rejectsWithCode(
        cache.batch([{ op: "hincrby", key: key("h"), field: "word", by: 1 }]),
        "wrong_type",
      );
      await rejectsWithCode(
        cache.batch([{ op: "hincrby", key: key("h"), field: "fraction", by: 1 }]),
        "wrong_type",
      );
      assert.deepEqual(await cache.hgetall(key("h")), { word: "abc", fraction: "1.5" });
    }),
  );
}
