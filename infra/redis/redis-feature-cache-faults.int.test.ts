import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Redis } from "ioredis";
import { UnavailableError } from "../../core/errors.ts";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import type { FeatureCache } from "../../core/ports/feature-cache.ts";
import { realService, testNamespace } from "../../tests/support/real-services.ts";
import { type PrivateRedis, startPrivateRedis } from "../local/redis/index.ts";
import { createRedisFeatureCache } from "./create-redis-feature-cache.ts";
import type { RedisFeatureCacheOptions } from "./redis-settings.ts";

const service = await realService("redis");
/** An upper bound proving the call failed fast instead of hanging; not a benchmark. */
const failFastMs = 1000;

/** Runs `call`, asserts it rejects with a retriable UnavailableError, and returns how long that took. */
async function rejectsUnavailable(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await assert.rejects(call(), (error: unknown) => {
    assert.ok(error instanceof UnavailableError, `expected UnavailableError, got ${String(error)}`);
    assert.equal(error.retriable, true);
    return true;
  });
  return performance.now() - started;
}

/** Whether `call` resolves now; used to poll for recovery. */
const succeeds = (call: () => Promise<unknown>) => () =>
  call().then(
    () => true,
    () => false,
  );

// A private redis-server per file: the shared one must never be paused or killed.
describe("RedisFeatureCache under Redis faults", { skip: "skip" in service ? service.skip : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), "starling-redis-faults-"));
  const prefix = `${testNamespace("r")}:`;
  let server: PrivateRedis;
  const opened: FeatureCache[] = [];
  const open = async (options: Partial<RedisFeatureCacheOptions> = {}) => {
    const cache = await createRedisFeatureCache(
      {},
      { url: server.url, keyPrefix: prefix, commandTimeoutMs: 50, ...options },
    );
    opened.push(cache);
    return cache;
  };

  before(async () => {
    server = await startPrivateRedis(dir);
  });
  after(async () => {
    await Promise.all(opened.map((cache) => cache.close()));
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("fails reads fast with UnavailableError while Redis is paused, and reads again once it resumes", async (t) => {
    const cache = await open();
    await cache.set("k", "v");
    await cache.batch([{ op: "setVector", key: "vec", vector: new Float32Array([1]) }]);
    process.kill(server.pid, "SIGSTOP");
    try {
      for (const read of [() => cache.get("k"), () => cache.mget(["k"]), () => cache.getVector("vec")]) {
        const elapsed = await rejectsUnavailable(read);
        t.diagnostic(`a read failed after ${Math.round(elapsed)} ms while paused`);
        assert.ok(elapsed < failFastMs, `a read took ${elapsed} ms while paused`);
      }
    } finally {
      process.kill(server.pid, "SIGCONT");
    }
    await waitFor(
      succeeds(() => cache.get("k")),
      { timeoutMs: 5000, message: "reads after SIGCONT" },
    );
    assert.equal(await cache.get("k"), "v");
  });

  it("a nearline write that timed out during a pause is applied exactly once after retrying", async () => {
    const cache = await open({ mode: "nearline", commandTimeoutMs: 200 });
    const checkpoint = { key: "offsets", field: "t:0", offset: 1 };
    const writes = [{ op: "hincrby", key: "count", field: "n", by: 1 }] as const;
    process.kill(server.pid, "SIGSTOP");
    try {
      const elapsed = await rejectsUnavailable(() => cache.applyAtomically(writes, checkpoint));
      assert.ok(elapsed < failFastMs, `the write took ${elapsed} ms while paused`);
    } finally {
      process.kill(server.pid, "SIGCONT");
    }
    // The timed-out script may still have run once Redis resumed: the checkpoint makes the retry safe.
    await waitFor(
      succeeds(() => cache.applyAtomically(writes, checkpoint)),
      { timeoutMs: 5000 },
    );
    assert.equal(await cache.hget("count", "n"), "1");
    assert.equal(await cache.getCheckpoint("offsets", "t:0"), 1);
  });

  it("fails fast while Redis is down and reconnects after it restarts on the same port", async (t) => {
    const cache = await open();
    const nearline = await open({ mode: "nearline", commandTimeoutMs: 300 });
    await cache.set("before", "v");
    const port = server.port;
    await server.stop();
    for (const read of [() => cache.get("before"), () => cache.get("before"), () => nearline.get("before")]) {
      const elapsed = await rejectsUnavailable(read);
      t.diagnostic(`a read failed after ${Math.round(elapsed)} ms while Redis was down`);
      assert.ok(elapsed < failFastMs, `a read took ${elapsed} ms while Redis was down`);
    }
    server = await startPrivateRedis(dir, port);
    const restarted = performance.now();
    await waitFor(
      succeeds(() => cache.get("before")),
      { timeoutMs: 10_000, message: "reconnect" },
    );
    t.diagnostic(`reads worked again ${Math.round(performance.now() - restarted)} ms after the restart`);
    // Restarted without persistence: the old value is gone, and the client works again for writes too.
    assert.equal(await cache.get("before"), null);
    const applied = await nearline.applyAtomically([{ op: "set", key: "after", value: "w" }], {
      key: "offsets",
      field: "t:9",
      offset: 1,
    });
    assert.equal(applied, true);
    assert.equal(await cache.get("after"), "w");
  });

  it("keeps applying atomically after the server's script cache is flushed (EVALSHA falls back)", async () => {
    const cache = await open({ commandTimeoutMs: 2000 });
    const at = (offset: number) => ({ key: "flush-offsets", field: "t", offset });
    assert.equal(await cache.applyAtomically([{ op: "set", key: "f", value: "1" }], at(1)), true);
    const raw = new Redis(server.url, { maxRetriesPerRequest: 1 });
    try {
      await raw.script("FLUSH");
    } finally {
      raw.disconnect();
    }
    assert.equal(await cache.applyAtomically([{ op: "set", key: "f", value: "2" }], at(2)), true);
    assert.equal(await cache.get("f"), "2");
  });

  it("fails a pipelined batch fast with a retriable unavailable error while Redis is paused", async () => {
    const cache = await open();
    process.kill(server.pid, "SIGSTOP");
    try {
      const elapsed = await rejectsUnavailable(() => cache.batch([{ op: "set", key: "x", value: "y" }]));
      assert.ok(elapsed < failFastMs, `the batch took ${elapsed} ms while paused`);
    } finally {
      process.kill(server.pid, "SIGCONT");
    }
  });
});
