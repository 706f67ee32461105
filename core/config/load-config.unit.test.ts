import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError } from "../errors.ts";
import { loadConfig } from "./load-config.ts";

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail("expected a ConfigError");
}

describe("loadConfig", () => {
  it("defaults to the embedded profile with no external service", () => {
    const config = loadConfig({});
    assert.equal(config.profile, "embedded");
    assert.equal(config.cache.url, "memory://");
    assert.match(config.eventLog.url, /^file:\/\//);
  });

  it("switches adapter URLs with the services profile and keeps explicit ones", () => {
    const config = loadConfig({ RECSYS_PROFILE: "services", RECSYS_CACHE_URL: "redis://10.0.0.1:6380" });
    assert.match(config.eventLog.url, /^kafka:\/\//);
    assert.equal(config.cache.url, "redis://10.0.0.1:6380");
  });

  it("reads typed values from the environment", () => {
    const config = loadConfig({
      RECSYS_HTTP_PORT: "9000",
      RECSYS_REQUIRE_SERVICES: "1",
      RECSYS_DATA_DIR: "/d",
    });
    assert.equal(config.http.port, 9000);
    assert.equal(config.requireServices, true);
    assert.equal(config.dataDir, "/d");
  });

  it("fails with one line naming key, value and what is allowed", () => {
    const message = errorOf({ RECSYS_HTTP_PORT: "70000" });
    assert.match(message, /RECSYS_HTTP_PORT="70000"/);
    assert.match(message, /<= 65535/);
    assert.equal(message.split("\n").length, 1);
    assert.match(errorOf({ RECSYS_PROFILE: "cloud" }), /RECSYS_PROFILE="cloud".*"embedded", "services"/);
    assert.match(errorOf({ RECSYS_HTTP_PORT: "8o80" }), /RECSYS_HTTP_PORT="8o80"/);
    assert.match(errorOf({ RECSYS_PORT: "1" }), /RECSYS_PORT is not a Starling setting/);
  });

  it("applies an optional JSON file under the environment and rejects unknown keys in it", () => {
    const dir = mkdtempSync(join(tmpdir(), "starling-config-"));
    const file = join(dir, "config.json");
    writeFileSync(file, JSON.stringify({ http: { port: 7000 }, log: { level: "warn" } }));
    const config = loadConfig({ RECSYS_CONFIG_FILE: file, RECSYS_LOG_LEVEL: "error" });
    assert.equal(config.http.port, 7000);
    assert.equal(config.log.level, "error");
    writeFileSync(file, JSON.stringify({ http: { prot: 7000 } }));
    assert.match(errorOf({ RECSYS_CONFIG_FILE: file }), /http.*no key named "prot"/);
    assert.match(errorOf({ RECSYS_CONFIG_FILE: join(dir, "missing.json") }), /cannot be read/);
  });
});
