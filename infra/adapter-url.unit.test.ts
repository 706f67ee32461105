import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../core/errors.ts";
import { hostList, pathAndQuery, splitAdapterUrl, unsupportedScheme } from "./adapter-url.ts";

describe("adapter URLs", () => {
  it("splits scheme and rest, keeping relative file paths", () => {
    assert.deepEqual(splitAdapterUrl("file://var/log", "X"), { scheme: "file", rest: "var/log" });
    assert.deepEqual(splitAdapterUrl("memory://", "X"), { scheme: "memory", rest: "" });
    assert.throws(() => splitAdapterUrl("redis", "RECSYS_CACHE_URL"), /RECSYS_CACHE_URL="redis"/);
  });

  it("reads host lists with default ports, then the path and query", () => {
    const rest = "c1,c2:9043/starling?dc=dc2&rf=3";
    assert.deepEqual(hostList(rest, "RECSYS_BULK_URL", 9042), ["c1:9042", "c2:9043"]);
    const { path, query } = pathAndQuery(rest);
    assert.equal(path, "starling");
    assert.equal(query.get("dc"), "dc2");
    assert.equal(query.get("rf"), "3");
    assert.deepEqual(hostList("127.0.0.1:9092", "RECSYS_EVENTLOG_URL", 9092), ["127.0.0.1:9092"]);
    assert.throws(() => hostList("/ks", "RECSYS_BULK_URL", 9042), ConfigError);
  });

  it("names the allowed schemes when one has no adapter", () => {
    assert.match(
      unsupportedScheme("RECSYS_CACHE_URL", "mongo", ["memory", "redis"]).message,
      /memory:\/\/, redis:\/\//,
    );
  });
});
