import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Redis } from "ioredis";
import { ConfigError, StarlingError, UnavailableError, ValidationError } from "../../core/errors.ts";
import { float32ToBytes } from "../../core/vector-bytes.ts";
import { realService, testNamespace } from "../../tests/support/real-services.ts";
import { freePort } from "../local/free-port.ts";
import { createRedisFeatureCache } from "./create-redis-feature-cache.ts";
import type { RedisFeatureCache } from "./redis-feature-cache.ts";
import { redisHarness } from "./redis-test-harness.ts";

const service = await realService("redis");

function hasCode(code: string) {
  return (error: unknown) => error instanceof StarlingError && error.code === code;
}

describe("RedisFeatureCache on a real redis", { skip: "skip" in service ? service.skip : false }, () => {
  const url = "skip" in service ? "" : service.endpoint.url;
  const prefix = `${testNamespace("r")}:`;
  const harness = redisHarness(url, prefix);
  let cache: RedisFeatureCache;
  let raw: Redis;

  before(async () => {
    cache = (await harness.create()) as RedisFeatureCache;
    raw = new Redis(url, { maxRetriesPerRequest: 1 });
  });
  after(async () => {
    raw.disconnect();
    await harness.cleanup();
  });

  it("stores keys under the prefix exactly as given, invisible to another prefix", async () => {
    await cache.set("a:b", "v");
    assert.equal(await raw.get(`${prefix}a:b`), "v");
    const other = await createRedisFeatureCache(
      {},
      { url, keyPrefix: `${prefix}other:`, commandTimeoutMs: 2000 },
    );
    try {
      assert.equal(await other.get("a:b"), null);
    } finally {
      await other.close();
    }
  });

  it("stores a vector as its little-endian Float32 bytes", async () => {
    const vector = new Float32Array([1.5, -2, 3.25]);
    await cache.batch([{ op: "setVector", key: "vec", vector }]);
    const stored = await raw.getBuffer(`${prefix}vec`);
    assert.deepEqual(stored, Buffer.from(float32ToBytes(vector)));
  });

  it("rejects vector bytes of a length that is not a multiple of 4 with corrupt_value", async () => {
    await raw.set(`${prefix}bad-vec`, Buffer.from([1, 2, 3, 4, 5]));
    await assert.rejects(cache.getVector("bad-vec"), hasCode("corrupt_value"));
    await assert.rejects(cache.mgetVectors(["vec", "bad-vec"]), hasCode("corrupt_value"));
  });

  it("reports a checkpoint that is not a decimal offset as corrupt_value and applies nothing over it", async () => {
    await raw.hset(`${prefix}offsets`, "t:0", "twelve");
    await assert.rejects(cache.getCheckpoint("offsets", "t:0"), hasCode("corrupt_value"));
    const write = { op: "set", key: "after-corrupt", value: "x" } as const;
    await assert.rejects(
      cache.applyAtomically([write], { key: "offsets", field: "t:0", offset: 1 }),
      hasCode("corrupt_value"),
    );
    assert.equal(await cache.get("after-corrupt"), null);
  });

  it("validates hash increments against the fields earlier writes of the same call leave", async () => {
    const at = (offset: number) => ({ key: "inc-offsets", field: "t:0", offset });
    await assert.rejects(
      cache.applyAtomically(
        [
          { op: "set", key: "inc-first", value: "x" },
          { op: "hset", key: "inc", fields: { n: "word" } },
          { op: "hincrby", key: "inc", field: "n", by: 1 },
        ],
        at(1),
      ),
      hasCode("wrong_type"),
    );
    assert.equal(await cache.get("inc-first"), null);
    assert.deepEqual(await cache.hgetall("inc"), {});
    await raw.hset(`${prefix}inc`, "n", "word");
    const fixing = [
      { op: "hset", key: "inc", fields: { n: "40" } },
      { op: "hincrby", key: "inc", field: "n", by: 2 },
    ] as const;
    assert.equal(await cache.applyAtomically(fixing, at(1)), true);
    assert.equal(await cache.hget("inc", "n"), "42");
  });

  it("rejects an increment that would overflow Redis's 64-bit range with out_of_range, applying nothing", async () => {
    await raw.hset(`${prefix}big`, "n", "9223372036854775000");
    const writes = [
      { op: "set", key: "big-first", value: "x" },
      { op: "hincrby", key: "big", field: "n", by: 10_000 },
    ] as const;
    await assert.rejects(
      cache.applyAtomically(writes, { key: "big-offsets", field: "t", offset: 1 }),
      hasCode("out_of_range"),
    );
    assert.equal(await cache.get("big-first"), null);
  });

  it("leaves the expiry of a key of another kind alone when a collection write with ttlMs is rejected", async () => {
    await cache.set("plain", "text");
    await assert.rejects(
      cache.batch([{ op: "lpush", key: "plain", values: ["x"], cap: 3, ttlMs: 60_000 }]),
      hasCode("wrong_type"),
    );
    assert.equal(await cache.ttl("plain"), null);
  });

  it("applies lists, hashes and sorted sets longer than one script call's argument chunk", async () => {
    const values = Array.from({ length: 2500 }, (_, i) => `v${i}`);
    const fields = Object.fromEntries(values.map((v) => [v, v]));
    const entries = values.map((member, i) => ({ member, score: i }));
    const applied = await cache.applyAtomically(
      [
        { op: "lpush", key: "long-l", values, cap: 3000, ttlMs: 60_000 },
        { op: "hset", key: "long-h", fields },
        { op: "zadd", key: "long-z", entries },
      ],
      { key: "long-offsets", field: "t", offset: 1 },
    );
    assert.equal(applied, true);
    assert.deepEqual(await cache.lrange("long-l", 0, -1), [...values].reverse());
    assert.equal(Object.keys(await cache.hgetall("long-h")).length, 2500);
    assert.deepEqual(await cache.zrevrange("long-z", 0, 0), [{ member: "v2499", score: 2499 }]);
  });

  it("rejects bad write input with ValidationError before sending anything", async () => {
    await assert.rejects(cache.batch([{ op: "lpush", key: "l0", values: ["a"], cap: 0 }]), ValidationError);
    await assert.rejects(cache.set("s0", "v", -5), ValidationError);
    await assert.rejects(cache.applyAtomically([], { key: "o", field: "f", offset: -1 }), ValidationError);
    await assert.rejects(cache.lrange("l0", 0.5, 1), ValidationError);
  });

  it("answers empty mget, del and mgetVectors without calling Redis", async () => {
    const port = await freePort();
    const offline = await createRedisFeatureCache(
      {},
      { url: `redis://127.0.0.1:${port}`, commandTimeoutMs: 50, waitForReady: false },
    );
    try {
      assert.deepEqual(await offline.mget([]), []);
      assert.deepEqual(await offline.mgetVectors([]), []);
      await offline.del([]);
      await offline.batch([]);
      await assert.rejects(offline.mget(["k"]), UnavailableError);
    } finally {
      await offline.close();
    }
  });

  it("fails to create with UnavailableError when nothing listens, and with ConfigError on bad options", async () => {
    const port = await freePort();
    const started = Date.now();
    await assert.rejects(
      createRedisFeatureCache({}, { url: `redis://127.0.0.1:${port}`, commandTimeoutMs: 50 }),
      UnavailableError,
    );
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    await assert.rejects(createRedisFeatureCache({}, { url: "http://x", commandTimeoutMs: 50 }), ConfigError);
    await assert.rejects(createRedisFeatureCache({}, { url, commandTimeoutMs: 0 }), ConfigError);
  });

  it("rejects calls after close with code closed, and closes twice quietly", async () => {
    const closing = await createRedisFeatureCache({}, { url, keyPrefix: prefix, commandTimeoutMs: 2000 });
    await closing.close();
    await closing.close();
    await assert.rejects(closing.get("a:b"), hasCode("closed"));
  });
});
