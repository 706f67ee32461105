import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { skipUnlessRequired } from "../../../tests/support/real-services.ts";
import { freePort } from "../free-port.ts";
import { isAlive } from "../process-control.ts";
import { ensureRedis, ensureRedisOn, startPrivateRedis, statusRedisOn, stopRedis } from "./index.ts";
import { redisAnswersPing } from "./redis-ping.ts";

const installed = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

const skip = skipUnlessRequired(
  installed ? false : "redis-server is not installed (apt-get install redis-server)",
);

describe("redis launcher", { skip }, () => {
  const root = mkdtempSync(join(tmpdir(), "starling-redis-launcher-"));
  const lines: string[] = [];
  const options = { root, log: (line: string) => lines.push(line) };
  after(() => rmSync(root, { recursive: true, force: true }));

  it("starts redis-server on a free port, reuses it on a second call, and stops only what it started", async (t) => {
    const port = await freePort();
    const started = performance.now();
    const endpoint = await ensureRedisOn(options, port);
    t.diagnostic(`redis-server answered PING ${Math.round(performance.now() - started)} ms after the start`);
    assert.equal(endpoint.url, `redis://127.0.0.1:${port}`);
    const running = await statusRedisOn(options, port);
    assert.equal(running.answering, true);
    assert.ok(running.pid !== null && isAlive(running.pid));
    assert.deepEqual(await ensureRedisOn(options, port), endpoint);
    assert.equal(
      (await statusRedisOn(options, port)).pid,
      running.pid,
      "the second call reused the first server",
    );
    assert.equal(await stopRedis(options), true);
    assert.equal(await redisAnswersPing("127.0.0.1", port), false);
    assert.equal(isAlive(running.pid), false);
    assert.equal(await stopRedis(options), false);
  });

  it("reuses a Redis it did not start without recording it, so stop leaves it running", async () => {
    const other = await startPrivateRedis(join(root, "other"));
    try {
      const otherRoot = join(root, "reuse");
      const reuse = { root: otherRoot, log: options.log };
      assert.deepEqual(await ensureRedisOn(reuse, other.port), { url: other.url });
      assert.equal(await stopRedis(reuse), false);
      assert.equal(await redisAnswersPing("127.0.0.1", other.port), true);
    } finally {
      await other.stop();
    }
    assert.equal(isAlive(other.pid), false);
  });

  it("ensureRedis reuses whatever answers on 6379, else starts one there that stop then ends", async () => {
    const shared = { root: join(root, "default"), log: options.log };
    const alreadyThere = await redisAnswersPing("127.0.0.1", 6379);
    assert.deepEqual(await ensureRedis(shared), { url: "redis://127.0.0.1:6379" });
    assert.equal(await redisAnswersPing("127.0.0.1", 6379), true);
    // A Redis this launcher did not start (the shared one) is never stopped by it.
    assert.equal(await stopRedis(shared), !alreadyThere);
  });
});
