import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ExpiringLruMap } from "./expiring-lru-map.ts";
import { ExpiryHeap } from "./expiry-heap.ts";

describe("ExpiryHeap", () => {
  it("pops due keys earliest first and keeps later ones", () => {
    const heap = new ExpiryHeap();
    const times = [50, 10, 40, 30, 20, 60, 10, 70];
    for (const [i, at] of times.entries()) heap.push(at, `k${i}:${at}`);
    assert.deepEqual(
      heap.popDue(40).map((key) => Number(key.split(":")[1])),
      [10, 10, 20, 30, 40],
    );
    assert.equal(heap.size, 3);
    assert.deepEqual(heap.popDue(1000), ["k0:50", "k5:60", "k7:70"]);
  });

  it("rebuilds a valid heap from unordered items", () => {
    const heap = new ExpiryHeap();
    heap.reset([9, 3, 7, 1, 8, 2].map((at) => ({ at, key: String(at) })));
    assert.deepEqual(heap.popDue(100), ["1", "2", "3", "7", "8", "9"]);
  });
});

describe("ExpiringLruMap", () => {
  it("does not let an outdated schedule remove a key whose TTL was extended", () => {
    const map = new ExpiringLruMap<string>(10);
    map.set("k", "v", 100);
    map.setExpiry("k", 500, 0);
    map.purgeExpired(200);
    assert.equal(map.get("k", 200)?.value, "v");
    assert.equal(map.get("k", 500), undefined);
  });

  it("does not let an old schedule remove a key rewritten without expiry", () => {
    const map = new ExpiringLruMap<string>(10);
    map.set("k", "old", 100);
    map.set("k", "new", null);
    assert.equal(map.size(1000), 1);
    assert.equal(map.get("k", 1000)?.value, "new");
  });

  it("keeps the schedule proportional to live keys when one key's TTL is refreshed many times", () => {
    const map = new ExpiringLruMap<string>(10);
    for (let i = 0; i < 10_000; i++) map.set("k", "v", 1_000 + i);
    assert.ok(map.scheduledExpiries <= 2 + 64, `schedule holds ${map.scheduledExpiries} entries`);
  });

  it("peek leaves recency alone while get refreshes it", () => {
    const map = new ExpiringLruMap<string>(2);
    map.set("a", "1", null);
    map.set("b", "2", null);
    map.peek("a", 0);
    map.set("c", "3", null);
    map.evictOverflow(0);
    assert.equal(map.get("a", 0), undefined);
    map.get("b", 0);
    map.set("d", "4", null);
    map.evictOverflow(0);
    assert.equal(map.get("c", 0), undefined);
    assert.equal(map.get("b", 0)?.value, "2");
  });

  it("passes over kept keys when evicting, overshooting the bound when only they remain", () => {
    const map = new ExpiringLruMap<string>(2);
    for (const key of ["a", "b", "c", "d"]) map.set(key, key, null);
    map.evictOverflow(0, new Set(["a", "d"]));
    assert.deepEqual(
      ["a", "b", "c", "d"].map((key) => map.peek(key, 0)?.value),
      ["a", undefined, undefined, "d"],
    );
    map.set("e", "e", null);
    map.evictOverflow(0, new Set(["a", "d", "e"]));
    assert.equal(map.size(0), 3);
    map.evictOverflow(0);
    assert.deepEqual(
      ["a", "d", "e"].map((key) => map.peek(key, 0)?.value),
      [undefined, "d", "e"],
    );
  });
});
