import assert from "node:assert/strict";
import { it } from "node:test";
import type { FeatureCache } from "../../feature-cache.ts";
import type { ContractHarness } from "../harness.ts";
import { assertTtlWithin, withCache } from "./fixture.ts";

/** Strings, deletion and TTLs; TTLs are 1 s and time moves only through harness.advance. */
export function stringsAndTtls(harness: ContractHarness<FeatureCache>): void {
  it(
    "reads missing keys as null",
    withCache(harness, async ({ cache, key }) => {
      assert.equal(await cache.get(key("absent")), null);
      assert.equal(await cache.ttl(key("absent")), null);
      assert.deepEqual(await cache.mget([key("absent"), key("also-absent")]), [null, null]);
      assert.deepEqual(await cache.mget([]), []);
    }),
  );

  it(
    "set stores a value, a second set overwrites it, and mget keeps key order",
    withCache(harness, async ({ cache, key }) => {
      await cache.set(key("a"), "first");
      await cache.set(key("a"), "second");
      await cache.set(key("b"), "");
      assert.equal(await cache.get(key("a")), "second");
      assert.equal(await cache.get(key("b")), "");
      assert.deepEqual(await cache.mget([key("b"), key("absent"), key("a")]), ["", null, "second"]);
    }),
  );

  it(
    "del removes several keys and ignores missing ones",
    withCache(harness, async ({ cache, key }) => {
      await cache.set(key("a"), "1");
      await cache.set(key("b"), "2");
      await cache.set(key("kept"), "3");
      await cache.del([key("a"), key("b"), key("absent")]);
      await cache.del([]);
      assert.deepEqual(await cache.mget([key("a"), key("b"), key("kept")]), [null, null, "3"]);
    }),
  );

  it(
    "a key set with ttlMs reads as missing once the TTL has passed",
    withCache(harness, async ({ cache, key, harness }) => {
      await cache.set(key("short"), "v", 1000);
      assertTtlWithin(await cache.ttl(key("short")), 1000);
      assert.equal(await cache.get(key("short")), "v");
      await harness.advance(1500);
      assert.equal(await cache.get(key("short")), null);
      assert.deepEqual(await cache.mget([key("short")]), [null]);
      assert.equal(await cache.ttl(key("short")), null);
    }),
  );

  it(
    "a key set without ttlMs has no expiry",
    withCache(harness, async ({ cache, key, harness }) => {
      await cache.set(key("forever"), "v");
      assert.equal(await cache.ttl(key("forever")), null);
      await harness.advance(1500);
      assert.equal(await cache.get(key("forever")), "v");
    }),
  );

  it(
    "expire gives an existing key a TTL and leaves a missing key missing",
    withCache(harness, async ({ cache, key, harness }) => {
      await cache.set(key("k"), "v");
      await cache.batch([
        { op: "expire", key: key("k"), ttlMs: 1000 },
        { op: "expire", key: key("absent"), ttlMs: 1000 },
      ]);
      assertTtlWithin(await cache.ttl(key("k")), 1000);
      assert.equal(await cache.get(key("k")), "v");
      assert.equal(await cache.get(key("absent")), null);
      await harness.advance(1500);
      assert.equal(await cache.get(key("k")), null);
    }),
  );

  it(
    "expired values of every kind read as missing",
    withCache(harness, async ({ cache, key, harness }) => {
      await cache.batch([
        { op: "set", key: key("s"), value: "v", ttlMs: 1000 },
        { op: "hset", key: key("h"), fields: { f: "1" }, ttlMs: 1000 },
        { op: "lpush", key: key("l"), values: ["a"], cap: 5, ttlMs: 1000 },
        { op: "zadd", key: key("z"), entries: [{ member: "m", score: 1 }], ttlMs: 1000 },
        { op: "setVector", key: key("v"), vector: new Float32Array([1, 2]), ttlMs: 1000 },
      ]);
      await harness.advance(1500);
      assert.equal(await cache.get(key("s")), null);
      assert.deepEqual(await cache.hgetall(key("h")), {});
      assert.equal(await cache.hget(key("h"), "f"), null);
      assert.deepEqual(await cache.lrange(key("l"), 0, -1), []);
      assert.deepEqual(await cache.zrevrange(key("z"), 0, -1), []);
      assert.equal(await cache.zscore(key("z"), "m"), null);
      assert.equal(await cache.getVector(key("v")), null);
      assert.deepEqual(await cache.mgetVectors([key("v")]), [null]);
    }),
  );
}
