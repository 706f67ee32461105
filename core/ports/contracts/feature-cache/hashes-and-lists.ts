import assert from "node:assert/strict";
import { it } from "node:test";
import type { FeatureCache } from "../../feature-cache.ts";
import type { ContractHarness } from "../harness.ts";
import { withCache } from "./fixture.ts";

/** Hashes (hset merge, hget, hincrby) and capped lists (newest first, trimmed to cap). */
export function hashesAndLists(harness: ContractHarness<FeatureCache>): void {
  it(
    "reads a missing hash as {} and a missing field as null",
    withCache(harness, async ({ cache, key }) => {
      assert.deepEqual(await cache.hgetall(key("absent")), {});
      assert.equal(await cache.hget(key("absent"), "f"), null);
      await cache.batch([{ op: "hset", key: key("h"), fields: { f: "1" } }]);
      assert.equal(await cache.hget(key("h"), "other"), null);
    }),
  );

  it(
    "hset merges fields into the hash, overwriting the ones it names",
    withCache(harness, async ({ cache, key }) => {
      await cache.batch([{ op: "hset", key: key("h"), fields: { a: "1", b: "2" } }]);
      await cache.batch([{ op: "hset", key: key("h"), fields: { b: "20", c: "30" } }]);
      assert.deepEqual(await cache.hgetall(key("h")), { a: "1", b: "20", c: "30" });
      assert.equal(await cache.hget(key("h"), "b"), "20");
    }),
  );

  it(
    "hincrby starts a missing field at 0 and accumulates, read back as a decimal string",
    withCache(harness, async ({ cache, key }) => {
      await cache.batch([{ op: "hincrby", key: key("h"), field: "n", by: 5 }]);
      assert.equal(await cache.hget(key("h"), "n"), "5");
      await cache.batch([
        { op: "hincrby", key: key("h"), field: "n", by: -7 },
        { op: "hincrby", key: key("h"), field: "m", by: 1 },
      ]);
      assert.deepEqual(await cache.hgetall(key("h")), { n: "-2", m: "1" });
      await cache.batch([
        { op: "hset", key: key("h"), fields: { n: "40" } },
        { op: "hincrby", key: key("h"), field: "n", by: 2 },
      ]);
      assert.equal(await cache.hget(key("h"), "n"), "42");
    }),
  );

  it(
    "reads a missing list as []",
    withCache(harness, async ({ cache, key }) => {
      assert.deepEqual(await cache.lrange(key("absent"), 0, -1), []);
    }),
  );

  it(
    "lpush puts the values at the head, the last one given newest",
    withCache(harness, async ({ cache, key }) => {
      await cache.batch([{ op: "lpush", key: key("l"), values: ["a", "b", "c"], cap: 10 }]);
      await cache.batch([{ op: "lpush", key: key("l"), values: ["d"], cap: 10 }]);
      assert.deepEqual(await cache.lrange(key("l"), 0, -1), ["d", "c", "b", "a"]);
    }),
  );

  it(
    "a capped list keeps only the newest cap entries, within one write and across writes",
    withCache(harness, async ({ cache, key }) => {
      await cache.batch([{ op: "lpush", key: key("one"), values: ["1", "2", "3", "4", "5"], cap: 3 }]);
      assert.deepEqual(await cache.lrange(key("one"), 0, -1), ["5", "4", "3"]);
      await cache.batch([{ op: "lpush", key: key("many"), values: ["a", "b"], cap: 3 }]);
      await cache.batch([{ op: "lpush", key: key("many"), values: ["c", "d"], cap: 3 }]);
      assert.deepEqual(await cache.lrange(key("many"), 0, -1), ["d", "c", "b"]);
      await cache.batch([{ op: "lpush", key: key("many"), values: ["e"], cap: 3 }]);
      assert.deepEqual(await cache.lrange(key("many"), 0, -1), ["e", "d", "c"]);
    }),
  );

  it(
    "lrange takes inclusive Redis-style indexes",
    withCache(harness, async ({ cache, key }) => {
      await cache.batch([{ op: "lpush", key: key("l"), values: ["e", "d", "c", "b", "a"], cap: 10 }]);
      const range = (start: number, stop: number) => cache.lrange(key("l"), start, stop);
      assert.deepEqual(await range(0, 0), ["a"]);
      assert.deepEqual(await range(1, 2), ["b", "c"]);
      assert.deepEqual(await range(-2, -1), ["d", "e"]);
      assert.deepEqual(await range(3, 100), ["d", "e"]);
      assert.deepEqual(await range(-100, 1), ["a", "b"]);
      assert.deepEqual(await range(5, 10), []);
      assert.deepEqual(await range(3, 1), []);
      assert.deepEqual(await range(0, -6), []);
    }),
  );
}
