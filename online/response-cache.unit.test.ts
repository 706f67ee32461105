import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../core/clock.ts";
import { createResponseCache, responseCacheKey } from "./response-cache.ts";

describe("responseCacheKey", () => {
  it("ignores parameter order, absent parameters and the order or repeats of list values", () => {
    const a = responseCacheKey("u1", { k: 10, model: "ranker", exclude: ["2", "1"], explain: undefined });
    const b = responseCacheKey("u1", { exclude: ["1", "2", "2"], model: "ranker", k: 10 });
    assert.equal(a, b);
  });

  it("tells different values, users and types apart", () => {
    const base = responseCacheKey("u1", { k: 10, exclude: ["1"] });
    assert.notEqual(base, responseCacheKey("u1", { k: 11, exclude: ["1"] }));
    assert.notEqual(base, responseCacheKey("u1", { k: 10, exclude: ["1", "3"] }));
    assert.notEqual(base, responseCacheKey("u2", { k: 10, exclude: ["1"] }));
    assert.notEqual(responseCacheKey("u1", { k: 10 }), responseCacheKey("u1", { k: "10" }));
    assert.notEqual(responseCacheKey("u1", { explain: true }), responseCacheKey("u1", {}));
  });
});

describe("createResponseCache", () => {
  it("serves an answer for the same user and parameters until its TTL passes", () => {
    const clock = new ManualClock(0);
    const cache = createResponseCache<string>({ maxEntries: 10, ttlMs: 1000, clock });
    cache.set("u1", { k: 10, exclude: ["b", "a"] }, "answer");
    assert.equal(cache.get("u1", { exclude: ["a", "b"], k: 10 }), "answer");
    assert.equal(cache.get("u1", { k: 5 }), undefined);
    clock.advance(999);
    assert.equal(cache.get("u1", { k: 10, exclude: ["a", "b"] }), "answer");
    clock.advance(1);
    assert.equal(cache.get("u1", { k: 10, exclude: ["a", "b"] }), undefined);
  });

  it("invalidates one user's answers only, not a user whose id extends it", () => {
    const cache = createResponseCache<string>({ maxEntries: 10, ttlMs: 1000, clock: new ManualClock(0) });
    cache.set("u1", { k: 10 }, "one");
    cache.set("u1", { k: 20 }, "two");
    cache.set("u10", { k: 10 }, "other");
    cache.invalidateUser("u1");
    assert.equal(cache.get("u1", { k: 10 }), undefined);
    assert.equal(cache.get("u1", { k: 20 }), undefined);
    assert.equal(cache.get("u10", { k: 10 }), "other");
    assert.equal(cache.size, 1);
  });

  it("keeps at most maxEntries and stores nothing with a zero TTL", () => {
    const cache = createResponseCache<number>({ maxEntries: 2, ttlMs: 1000, clock: new ManualClock(0) });
    for (let k = 1; k <= 3; k++) cache.set("u", { k }, k);
    assert.equal(cache.size, 2);
    assert.equal(cache.get("u", { k: 1 }), undefined);
    const off = createResponseCache<number>({ maxEntries: 2, ttlMs: 0 });
    off.set("u", { k: 1 }, 1);
    assert.equal(off.get("u", { k: 1 }), undefined);
  });
});
