import assert from "node:assert/strict";
import { it } from "node:test";
import type { CacheWrite, Checkpoint, FeatureCache } from "../../feature-cache.ts";
import type { ContractHarness } from "../harness.ts";
import { rejectsWithCode, withCache } from "./fixture.ts";

/** applyAtomically (all or none, skipped at or below the stored offset) and getCheckpoint. */
export function applyAtomicallyAndCheckpoints(harness: ContractHarness<FeatureCache>): void {
  it(
    "getCheckpoint reads null for a missing checkpoint key or field",
    withCache(harness, async ({ cache, key }) => {
      assert.equal(await cache.getCheckpoint(key("offsets"), "topic:0"), null);
      await cache.applyAtomically([], { key: key("offsets"), field: "topic:0", offset: 3 });
      assert.equal(await cache.getCheckpoint(key("offsets"), "topic:1"), null);
    }),
  );

  it(
    "applyAtomically applies every write and stores the next offset as a decimal hash field",
    withCache(harness, async ({ cache, key }) => {
      const checkpoint = { key: key("offsets"), field: "topic:0", offset: 6 };
      const applied = await cache.applyAtomically(
        [
          { op: "set", key: key("s"), value: "v" },
          { op: "hincrby", key: key("h"), field: "n", by: 1 },
          { op: "lpush", key: key("l"), values: ["a"], cap: 3 },
          { op: "zincrby", key: key("z"), member: "m", by: 2 },
        ],
        checkpoint,
      );
      assert.equal(applied, true);
      assert.equal(await cache.get(key("s")), "v");
      assert.equal(await cache.hget(key("h"), "n"), "1");
      assert.deepEqual(await cache.lrange(key("l"), 0, -1), ["a"]);
      assert.equal(await cache.zscore(key("z"), "m"), 2);
      assert.equal(await cache.getCheckpoint(checkpoint.key, checkpoint.field), 6);
      assert.equal(await cache.hget(checkpoint.key, checkpoint.field), "6");
    }),
  );

  it(
    "applyAtomically with a guard key applies nothing while the guard is missing",
    withCache(harness, async ({ cache, key }) => {
      const writes: CacheWrite[] = [{ op: "hincrby", key: key("h"), field: "n", by: 1 }];
      const checkpoint = { key: key("offsets"), field: "topic:0", offset: 4, guardKey: key("guard") };
      assert.equal(await cache.applyAtomically(writes, checkpoint), false);
      assert.equal(await cache.hget(key("h"), "n"), null);
      assert.equal(await cache.getCheckpoint(checkpoint.key, checkpoint.field), null);
      await cache.set(key("guard"), "member-1");
      assert.equal(await cache.applyAtomically(writes, checkpoint), true);
      assert.equal(await cache.hget(key("h"), "n"), "1");
      assert.equal(await cache.getCheckpoint(checkpoint.key, checkpoint.field), 4);
    }),
  );

  it(
    "applyAtomically skips a replay at the same or a lower offset and then applies a higher one",
    withCache(harness, async ({ cache, key }) => {
      const writes: CacheWrite[] = [
        { op: "hincrby", key: key("h"), field: "n", by: 1 },
        { op: "lpush", key: key("l"), values: ["event"], cap: 10 },
      ];
      const at = (offset: number): Checkpoint => ({ key: key("offsets"), field: "topic:0", offset });
      assert.equal(await cache.applyAtomically(writes, at(5)), true);
      assert.equal(await cache.applyAtomically(writes, at(5)), false);
      assert.equal(await cache.applyAtomically(writes, at(3)), false);
      assert.equal(await cache.hget(key("h"), "n"), "1");
      assert.deepEqual(await cache.lrange(key("l"), 0, -1), ["event"]);
      assert.equal(await cache.getCheckpoint(key("offsets"), "topic:0"), 5);
      assert.equal(await cache.applyAtomically(writes, at(6)), true);
      assert.equal(await cache.hget(key("h"), "n"), "2");
      assert.deepEqual(await cache.lrange(key("l"), 0, -1), ["event", "event"]);
      assert.equal(await cache.getCheckpoint(key("offsets"), "topic:0"), 6);
    }),
  );

  it(
    "checkpoint fields in one hash advance independently",
    withCache(harness, async ({ cache, key }) => {
      const offsets = key("offsets");
      assert.equal(await cache.applyAtomically([], { key: offsets, field: "topic:0", offset: 10 }), true);
      assert.equal(await cache.applyAtomically([], { key: offsets, field: "topic:1", offset: 1 }), true);
      assert.equal(await cache.getCheckpoint(offsets, "topic:0"), 10);
      assert.equal(await cache.getCheckpoint(offsets, "topic:1"), 1);
    }),
  );

  it(
    "a write rejected for wrong type leaves none of the batch applied and the checkpoint unchanged",
    withCache(harness, async ({ cache, key }) => {
      const at = (offset: number): Checkpoint => ({ key: key("offsets"), field: "topic:0", offset });
      await cache.set(key("s"), "text");
      assert.equal(
        await cache.applyAtomically([{ op: "hincrby", key: key("h"), field: "n", by: 1 }], at(3)),
        true,
      );
      const failing: CacheWrite[] = [
        { op: "hincrby", key: key("h"), field: "n", by: 1 },
        { op: "set", key: key("t"), value: "new" },
        { op: "zincrby", key: key("z"), member: "m", by: 1 },
        { op: "lpush", key: key("s"), values: ["x"], cap: 3 },
        { op: "setVector", key: key("v"), vector: new Float32Array([1]) },
      ];
      await rejectsWithCode(cache.applyAtomically(failing, at(4)), "wrong_type");
      assert.equal(await cache.hget(key("h"), "n"), "1");
      assert.equal(await cache.get(key("t")), null);
      assert.deepEqual(await cache.zrevrange(key("z"), 0, -1), []);
      assert.equal(await cache.get(key("s")), "text");
      assert.equal(await cache.getVector(key("v")), null);
      assert.equal(await cache.getCheckpoint(key("offsets"), "topic:0"), 3);
      const fixed = failing.filter((write) => write.key !== key("s"));
      assert.equal(await cache.applyAtomically(fixed, at(4)), true);
      assert.equal(await cache.hget(key("h"), "n"), "2");
    }),
  );
}
