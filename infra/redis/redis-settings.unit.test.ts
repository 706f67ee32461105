import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../core/errors.ts";
import { ioredisOptions, reconnectDelay, resolveRedisSettings } from "./redis-settings.ts";

describe("redis settings", () => {
  it("fills in the online defaults: fail fast, no offline queue, no retries", () => {
    const settings = resolveRedisSettings({ url: "redis://127.0.0.1:6379", commandTimeoutMs: 40 });
    assert.equal(settings.mode, "online");
    assert.equal(settings.keyPrefix, "");
    const client = ioredisOptions(settings);
    assert.equal(client.commandTimeout, 40);
    assert.equal(client.enableOfflineQueue, false);
    assert.equal(client.maxRetriesPerRequest, 0);
    assert.equal(client.autoResendUnfulfilledCommands, false);
    assert.equal(client.connectTimeout, 1000);
  });

  it("lets the nearline writer queue while reconnecting, and explicit values win over the mode", () => {
    const settings = resolveRedisSettings({
      url: "rediss://u:p@host:6380/2",
      commandTimeoutMs: 2000,
      mode: "nearline",
      reconnectMaxDelayMs: 300,
    });
    const client = ioredisOptions(settings);
    assert.equal(client.enableOfflineQueue, true);
    assert.equal(client.maxRetriesPerRequest, 2);
    assert.equal(client.connectTimeout, 5000);
    assert.equal(settings.reconnectMaxDelayMs, 300);
  });

  it("rejects bad options with ConfigError naming the field", () => {
    const bad = [
      { url: "http://host", commandTimeoutMs: 10 },
      { url: "redis://host", commandTimeoutMs: 0 },
      { url: "redis://host", commandTimeoutMs: 1.5 },
      { url: "redis://host", commandTimeoutMs: 10, connectTimeoutMs: -1 },
    ];
    for (const options of bad) assert.throws(() => resolveRedisSettings(options), ConfigError);
  });

  it("backs off exponentially from 50 ms up to the cap and never gives up", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 100].map((attempt) => reconnectDelay(attempt, 500)),
      [50, 100, 200, 400, 500, 500],
    );
  });
});
