import assert from "node:assert/strict";
import { it } from "node:test";
import type { CacheWrite, FeatureCache } from "../../feature-cache.ts";
import type { ContractHarness } from "../harness.ts";
import { assertTtlWithin, withCache } from "./fixture.ts";

/** One write that updates a key in place, as Redis HSET/HINCRBY/LPUSH/ZINCRBY/ZADD do. */
interface KeepingWrite {
  readonly op: string;
  /** The first or second write of this kind to `key`; the second changes what `read` returns. */
  write(key: string, step: 1 | 2, ttlMs?: number): CacheWrite;
  read(cache: FeatureCache, key: string): Promise<unknown>;
  readonly afterOne: unknown;
  readonly afterBoth: unknown;
  /** What `read` returns once the key has expired. */
  readonly missing: unknown;
}

const keepingWrites: readonly KeepingWrite[] = [
  {
    op: "hset",
    write: (key, step, ttlMs) => ({ op: "hset", key, fields: { [`f${step}`]: String(step) }, ttlMs }),
    read: (cache, key) => cache.hgetall(key),
    afterOne: { f1: "1" },
    afterBoth: { f1: "1", f2: "2" },
    missing: {},
  },
  {
    op: "hincrby",
    write: (key, step, ttlMs) => ({ op: "hincrby", key, field: "n", by: step, ttlMs }),
    read: (cache, key) => cache.hgetall(key),
    afterOne: { n: "1" },
    afterBoth: { n: "3" },
    missing: {},
  },
  {
    op: "lpush",
    write: (key, step, ttlMs) => ({ op: "lpush", key, values: [`v${step}`], cap: 5, ttlMs }),
    read: (cache, key) => cache.lrange(key, 0, -1),
    afterOne: ["v1"],
    afterBoth: ["v2", "v1"],
    missing: [],
  },
  {
    op: "zincrby",
    write: (key, step, ttlMs) => ({ op: "zincrby", key, member: "m", by: step, ttlMs }),
    read: (cache, key) => cache.zrevrange(key, 0, -1),
    afterOne: [{ member: "m", score: 1 }],
    afterBoth: [{ member: "m", score: 3 }],
    missing: [],
  },
  {
    op: "zadd",
    write: (key, step, ttlMs) => ({ op: "zadd", key, entries: [{ member: `m${step}`, score: step }], ttlMs }),
    read: (cache, key) => cache.zrevrange(key, 0, -1),
    afterOne: [{ member: "m1", score: 1 }],
    afterBoth: [
      { member: "m2", score: 2 },
      { member: "m1", score: 1 },
    ],
    missing: [],
  },
];

/** TTLs of writes that update a key in place: they keep its expiry unless they give a new `ttlMs`. */
export function ttlKeepingWrites(harness: ContractHarness<FeatureCache>): void {
  for (const kind of keepingWrites) {
    it(
      `${kind.op} without ttlMs keeps the key's current expiry`,
      withCache(harness, async ({ cache, key, harness }) => {
        await cache.batch([kind.write(key("k"), 1, 1000)]);
        await harness.advance(400);
        await cache.batch([kind.write(key("k"), 2)]);
        assertTtlWithin(await cache.ttl(key("k")), 600);
        assert.deepEqual(await kind.read(cache, key("k")), kind.afterBoth);
        await harness.advance(700);
        assert.deepEqual(await kind.read(cache, key("k")), kind.missing);
        assert.equal(await cache.ttl(key("k")), null);
      }),
    );

    it(
      `${kind.op} with ttlMs restarts the expiry from that write`,
      withCache(harness, async ({ cache, key, harness }) => {
        await cache.batch([kind.write(key("k"), 1, 1000)]);
        await harness.advance(600);
        await cache.batch([kind.write(key("k"), 2, 1000)]);
        await harness.advance(600);
        assert.deepEqual(await kind.read(cache, key("k")), kind.afterBoth);
        assertTtlWithin(await cache.ttl(key("k")), 400);
        await harness.advance(600);
        assert.deepEqual(await kind.read(cache, key("k")), kind.missing);
      }),
    );
  }

  it(
    "hset, hincrby, lpush, zincrby and zadd without ttlMs leave a key they create without expiry",
    withCache(harness, async ({ cache, key, harness }) => {
      for (const kind of keepingWrites) await cache.batch([kind.write(key(kind.op), 1)]);
      for (const kind of keepingWrites) assert.equal(await cache.ttl(key(kind.op)), null, kind.op);
      await harness.advance(1500);
      for (const kind of keepingWrites) {
        assert.deepEqual(await kind.read(cache, key(kind.op)), kind.afterOne, kind.op);
      }
    }),
  );

  it(
    "hset, hincrby, lpush, zincrby and zadd with ttlMs give a key without expiry one",
    withCache(harness, async ({ cache, key, harness }) => {
      for (const kind of keepingWrites) await cache.batch([kind.write(key(kind.op), 1)]);
      for (const kind of keepingWrites) await cache.batch([kind.write(key(kind.op), 2, 1000)]);
      for (const kind of keepingWrites) assertTtlWithin(await cache.ttl(key(kind.op)), 1000);
      await harness.advance(1500);
      for (const kind of keepingWrites) {
        assert.deepEqual(await kind.read(cache, key(kind.op)), kind.missing, kind.op);
      }
    }),
  );
}
