import assert from "node:assert/strict";
import { it } from "node:test";
import type { FeatureCache } from "../../feature-cache.ts";
import type { ContractHarness } from "../harness.ts";
import { assertTtlWithin, withCache } from "./fixture.ts";

/** TTLs of writes that replace a whole key, as Redis SET and DEL do: set, setVector and del. */
export function ttlReplacingWrites(harness: ContractHarness<FeatureCache>): void {
  it(
    "set without ttlMs removes the key's expiry, called directly or as a batch write",
    withCache(harness, async ({ cache, key, harness }) => {
      await cache.set(key("direct"), "old", 1000);
      await cache.batch([{ op: "set", key: key("batched"), value: "old", ttlMs: 1000 }]);
      await cache.set(key("direct"), "new");
      await cache.batch([{ op: "set", key: key("batched"), value: "new" }]);
      assert.equal(await cache.ttl(key("direct")), null);
      assert.equal(await cache.ttl(key("batched")), null);
      await harness.advance(1500);
      assert.deepEqual(await cache.mget([key("direct"), key("batched")]), ["new", "new"]);
    }),
  );

  it(
    "setVector without ttlMs removes the key's expiry",
    withCache(harness, async ({ cache, key, harness }) => {
      await cache.batch([{ op: "setVector", key: key("v"), vector: new Float32Array([1]), ttlMs: 1000 }]);
      await cache.batch([{ op: "setVector", key: key("v"), vector: new Float32Array([2]) }]);
      assert.equal(await cache.ttl(key("v")), null);
      await harness.advance(1500);
      assert.deepEqual(Array.from((await cache.getVector(key("v"))) ?? []), [2]);
    }),
  );

  it(
    "set and setVector with ttlMs restart the expiry from that write, or give a key without one an expiry",
    withCache(harness, async ({ cache, key, harness }) => {
      await cache.batch([
        { op: "set", key: key("s"), value: "first", ttlMs: 1000 },
        { op: "setVector", key: key("v"), vector: new Float32Array([1]), ttlMs: 1000 },
        { op: "set", key: key("plain"), value: "first" },
      ]);
      await harness.advance(600);
      await cache.batch([
        { op: "set", key: key("s"), value: "second", ttlMs: 1000 },
        { op: "setVector", key: key("v"), vector: new Float32Array([2]), ttlMs: 1000 },
      ]);
      await cache.set(key("plain"), "second", 1000);
      await harness.advance(600);
      assert.deepEqual(await cache.mget([key("s"), key("plain")]), ["second", "second"]);
      assert.deepEqual(Array.from((await cache.getVector(key("v"))) ?? []), [2]);
      for (const name of ["s", "v", "plain"]) assertTtlWithin(await cache.ttl(key(name)), 400);
      await harness.advance(600);
      assert.deepEqual(await cache.mget([key("s"), key("plain")]), [null, null]);
      assert.equal(await cache.getVector(key("v")), null);
    }),
  );

  it(
    "del removes the key with its expiry, so a key written again without ttlMs has none",
    withCache(harness, async ({ cache, key, harness }) => {
      await cache.batch([
        { op: "hset", key: key("h"), fields: { old: "1" }, ttlMs: 1000 },
        { op: "lpush", key: key("l"), values: ["old"], cap: 5, ttlMs: 1000 },
      ]);
      await cache.del([key("h")]);
      await cache.batch([{ op: "del", key: key("l") }]);
      await cache.batch([
        { op: "hset", key: key("h"), fields: { new: "1" } },
        { op: "lpush", key: key("l"), values: ["new"], cap: 5 },
      ]);
      assert.equal(await cache.ttl(key("h")), null);
      assert.equal(await cache.ttl(key("l")), null);
      await harness.advance(1500);
      assert.deepEqual(await cache.hgetall(key("h")), { new: "1" });
      assert.deepEqual(await cache.lrange(key("l"), 0, -1), ["new"]);
    }),
  );
}
