import assert from "node:assert/strict";
import { it } from "node:test";
import type { FeatureCache } from "../../feature-cache.ts";
import type { ContractHarness } from "../harness.ts";
import { float32Bits, float32FromBits, withCache } from "./fixture.ts";

/** Bit patterns that a lossy encoding would change. */
const awkwardBits = [
  0x3f800000, // 1
  0x80000000, // -0
  0x000116c2, // 1e-40, a subnormal
  0x00000001, // the smallest subnormal
  0x7f800000, // +Infinity
  0xff800000, // -Infinity
  0x7f7fffff, // the largest finite value
  0x7fc00001, // a quiet NaN with a payload
  0x7fa00001, // a signalling NaN, which a float -> double -> float copy would quiet
  0xbeaaaaab, // -1/3
];

/** Sorted sets (zincrby, zadd, zrevrange order and indexes, zscore) and bit-exact vectors. */
export function sortedSetsAndVectors(harness: ContractHarness<FeatureCache>): void {
  it(
    "reads a missing sorted set as [] and a missing member's score as null",
    withCache(harness, async ({ cache, key }) => {
      assert.deepEqual(await cache.zrevrange(key("absent"), 0, -1), []);
      assert.equal(await cache.zscore(key("absent"), "m"), null);
      await cache.batch([{ op: "zadd", key: key("z"), entries: [{ member: "m", score: 1 }] }]);
      assert.equal(await cache.zscore(key("z"), "other"), null);
    }),
  );

  it(
    "zincrby starts a member at 0 and accumulates; zadd replaces scores",
    withCache(harness, async ({ cache, key }) => {
      const z = key("z");
      await cache.batch([{ op: "zincrby", key: z, member: "a", by: 2 }]);
      await cache.batch([{ op: "zincrby", key: z, member: "a", by: 3 }]);
      assert.equal(await cache.zscore(z, "a"), 5);
      await cache.batch([{ op: "zincrby", key: z, member: "a", by: -1.5 }]);
      assert.equal(await cache.zscore(z, "a"), 3.5);
      await cache.batch([
        {
          op: "zadd",
          key: z,
          entries: [
            { member: "a", score: 7 },
            { member: "b", score: -2 },
          ],
        },
      ]);
      await cache.batch([{ op: "zincrby", key: z, member: "b", by: 1 }]);
      assert.deepEqual(await cache.zrevrange(z, 0, -1), [
        { member: "a", score: 7 },
        { member: "b", score: -1 },
      ]);
    }),
  );

  it(
    "zrevrange orders by score descending, equal scores by member descending",
    withCache(harness, async ({ cache, key }) => {
      const entries = [
        { member: "b", score: 1 },
        { member: "a", score: 1 },
        { member: "c", score: 2 },
        { member: "d", score: -0.5 },
        { member: "ab", score: 1 },
        { member: "B", score: 1 },
      ];
      await cache.batch([{ op: "zadd", key: key("z"), entries }]);
      const members = (await cache.zrevrange(key("z"), 0, -1)).map((entry) => entry.member);
      assert.deepEqual(members, ["c", "b", "ab", "a", "B", "d"]);
    }),
  );

  it(
    "zrevrange takes inclusive Redis-style rank indexes",
    withCache(harness, async ({ cache, key }) => {
      const entries = [1, 2, 3, 4, 5].map((score) => ({ member: `m${score}`, score }));
      await cache.batch([{ op: "zadd", key: key("z"), entries }]);
      const members = async (start: number, stop: number) =>
        (await cache.zrevrange(key("z"), start, stop)).map((entry) => entry.member);
      assert.deepEqual(await members(0, 0), ["m5"]);
      assert.deepEqual(await members(1, 2), ["m4", "m3"]);
      assert.deepEqual(await members(-2, -1), ["m2", "m1"]);
      assert.deepEqual(await members(3, 100), ["m2", "m1"]);
      assert.deepEqual(await members(5, 10), []);
      assert.deepEqual(await members(3, 1), []);
      assert.deepEqual(await cache.zrevrange(key("z"), 0, 0), [{ member: "m5", score: 5 }]);
    }),
  );

  it(
    "reads a missing vector as null",
    withCache(harness, async ({ cache, key }) => {
      assert.equal(await cache.getVector(key("absent")), null);
      assert.deepEqual(await cache.mgetVectors([]), []);
    }),
  );

  it(
    "vectors round-trip bit-exactly, including -0, subnormals, infinities and NaN payloads",
    withCache(harness, async ({ cache, key }) => {
      await cache.batch([{ op: "setVector", key: key("v"), vector: float32FromBits(awkwardBits) }]);
      assert.deepEqual(float32Bits(await cache.getVector(key("v"))), awkwardBits);
      await cache.batch([{ op: "setVector", key: key("v"), vector: new Float32Array([0.5]) }]);
      assert.deepEqual(Array.from((await cache.getVector(key("v"))) ?? []), [0.5]);
    }),
  );

  it(
    "mgetVectors keeps key order with null where missing",
    withCache(harness, async ({ cache, key }) => {
      await cache.batch([
        { op: "setVector", key: key("a"), vector: new Float32Array([1, 2, 3]) },
        { op: "setVector", key: key("b"), vector: float32FromBits(awkwardBits) },
      ]);
      const [b, missing, a] = await cache.mgetVectors([key("b"), key("absent"), key("a")]);
      assert.deepEqual(float32Bits(b ?? null), awkwardBits);
      assert.equal(missing, null);
      assert.deepEqual(Array.from(a ?? []), [1, 2, 3]);
    }),
  );
}
