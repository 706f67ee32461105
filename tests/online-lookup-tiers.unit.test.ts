import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../core/clock.ts";
import { createCountingLookupMetrics } from "../online/lookup/lookup-metrics.ts";
import { CORRUPT, TieredLookup, type TieredLookupOptions } from "../online/lookup/tiered-lookup.ts";
import { TtlLru } from "../online/lookup/ttl-lru.ts";
import { directGuard } from "../online/resilience/types.ts";

describe("TtlLru", () => {
  it("keeps at most maxEntries, dropping the least recently used", () => {
    const lru = new TtlLru<number>(3, 1000, () => 0);
    for (const [i, key] of ["a", "b", "c"].entries()) lru.set(key, i);
    assert.equal(lru.get("a"), 0, "reading a makes b the least recently used");
    lru.set("d", 3);
    assert.equal(lru.size, 3);
    assert.equal(lru.get("b"), undefined);
    assert.deepEqual(
      ["a", "c", "d"].map((k) => lru.get(k)),
      [0, 2, 3],
    );
    lru.set("c", 20);
    lru.set("e", 4);
    assert.equal(lru.get("a"), undefined, "re-setting c made a the oldest");
    assert.equal(lru.get("c"), 20);
  });

  it("expires entries ttlMs after they were set, and a ttl of 0 keeps nothing", () => {
    const clock = new ManualClock(1000);
    const lru = new TtlLru<string>(10, 500, () => clock.now());
    lru.set("k", "v");
    clock.advance(499);
    assert.equal(lru.get("k"), "v");
    clock.advance(1);
    assert.equal(lru.get("k"), undefined);
    assert.equal(lru.size, 0, "the expired entry is dropped");
    const none = new TtlLru<string>(10, 0, () => clock.now());
    none.set("k", "v");
    assert.equal(none.get("k"), undefined);
  });

  it("deletes one key or every key with a prefix", () => {
    const lru = new TtlLru<number>(10, 1000, () => 0);
    for (const key of ["u1|a", "u1|b", "u2|a"]) lru.set(key, 1);
    lru.deletePrefix("u1|");
    assert.deepEqual(
      ["u1|a", "u1|b", "u2|a"].map((k) => lru.get(k)),
      [undefined, undefined, 1],
    );
    lru.delete("u2|a");
    assert.equal(lru.size, 0);
    assert.throws(() => new TtlLru(0, 1), RangeError);
  });
});

/** Two in-memory tiers that count their calls; L2 holds raw strings, L3 numbers. */
function world() {
  const l2 = new Map<string, string>();
  const l3 = new Map<string, number>();
  const calls = { l2: 0, l3: 0, l2Writes: 0 };
  const failing = { l2: false, l3: false };
  const l3Delay = { ms: 0 };
  const clock = new ManualClock(0);
  const metrics = createCountingLookupMetrics();
  const options: TieredLookupOptions<string, number, string> = {
    name: "test",
    keyOf: (k) => k,
    l1: { entries: 100, ttlMs: 500 },
    clock,
    guard: directGuard,
    metrics,
    l2: {
      async read(keys) {
        calls.l2 += 1;
        if (failing.l2) throw new Error("redis down");
        return keys.map((k) => l2.get(k) ?? null);
      },
      decode(raw) {
        const value = Number(raw);
        return Number.isFinite(value) && raw.trim() !== "" ? value : CORRUPT;
      },
      async write(entries) {
        calls.l2Writes += 1;
        for (const { key, value } of entries) l2.set(key, String(value));
      },
    },
    l3: {
      async read(keys) {
        calls.l3 += 1;
        if (l3Delay.ms > 0) await new Promise((resolve) => setTimeout(resolve, l3Delay.ms));
        if (failing.l3) throw new Error("cassandra down");
        return keys.map((k) => l3.get(k));
      },
    },
  };
  return { l2, l3, calls, failing, l3Delay, clock, metrics, options };
}

describe("TieredLookup", () => {
  it("falls through L1 → L2 → L3 and fills the tiers above on the way back", async () => {
    const w = world();
    const lookup = new TieredLookup(w.options);
    w.l3.set("a", 7);
    const first = await lookup.load("a", 100);
    assert.deepEqual(first, { value: 7, tier: "l3", failures: [] });
    await lookup.flush();
    assert.equal(w.l2.get("a"), "7", "the L3 answer was written to L2");
    const second = await lookup.load("a", 100);
    assert.equal(second.tier, "l1");
    assert.deepEqual(w.calls, { l2: 1, l3: 1, l2Writes: 1 }, "L1 answered without L2 or L3");
    w.clock.advance(500);
    const third = await lookup.load("a", 100);
    assert.deepEqual([third.tier, third.value], ["l2", 7], "after the L1 TTL, L2 answers");
    assert.equal(w.calls.l3, 1);
    assert.equal((await lookup.load("a", 100)).tier, "l1", "the L2 answer was put in L1");
    const missing = await lookup.load("nobody", 100);
    assert.deepEqual(missing, { value: undefined, tier: "none", failures: [] });
    assert.deepEqual(
      ["l1", "l2", "l3", "miss"].map((o) => w.metrics.count("test", o as "l1")),
      [2, 1, 1, 1],
    );
  });

  it("coalesces concurrent loads of one key: 20 callers, one L2 and one L3 call", async () => {
    const w = world();
    w.l3.set("hot", 42);
    w.l3Delay.ms = 20;
    const lookup = new TieredLookup(w.options);
    const results = await Promise.all(Array.from({ length: 20 }, () => lookup.load("hot", 1000)));
    assert.ok(results.every((r) => r.value === 42 && r.tier === "l3"));
    assert.equal(w.calls.l3, 1);
    assert.equal(w.calls.l2, 1);
    assert.equal(w.metrics.count("test", "l3"), 20, "every caller's answer is counted");
    await lookup.flush();
    assert.equal(w.calls.l2Writes, 1, "one fill");
  });

  it("a coalesced caller with a shorter deadline stops waiting and names the tier it waited on", async () => {
    const w = world();
    w.l3.set("slow", 1);
    w.l3Delay.ms = 200;
    const lookup = new TieredLookup(w.options);
    const patient = lookup.load("slow", 1000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const hurried = await lookup.load("slow", 20);
    assert.deepEqual(hurried, { value: undefined, tier: "none", failures: ["bulk:timeout"] });
    assert.equal((await patient).value, 1);
    assert.equal(w.calls.l3, 1);
  });

  it("a slow L3 answer after the caller's deadline still fills L2 and L1 for the next request", async () => {
    const w = world();
    w.l3.set("big", 8);
    w.l3Delay.ms = 60;
    const lookup = new TieredLookup(w.options);
    const late = await lookup.load("big", 20);
    assert.deepEqual(late, { value: undefined, tier: "none", failures: ["bulk:timeout"] });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await lookup.flush();
    assert.equal(w.l2.get("big"), "8");
    assert.deepEqual(await lookup.load("big", 20), { value: 8, tier: "l1", failures: [] });
    assert.equal(w.calls.l3, 1);
  });

  it("treats a corrupt L2 value as a miss there: counted, and L3 answers and repairs it", async () => {
    const w = world();
    w.l2.set("k", "{not a number");
    w.l3.set("k", 5);
    const lookup = new TieredLookup(w.options);
    const result = await lookup.load("k", 100);
    assert.deepEqual(result, { value: 5, tier: "l3", failures: [] });
    assert.equal(w.metrics.count("test", "corrupt", "l2"), 1);
    await lookup.flush();
    assert.equal(w.l2.get("k"), "5", "the fill replaced the corrupt value");
  });

  it("skips a failing L2: L3 still answers, the failure is reported, and no fill is tried", async () => {
    const w = world();
    w.l3.set("k", 9);
    w.failing.l2 = true;
    const lookup = new TieredLookup(w.options);
    const result = await lookup.load("k", 100);
    assert.deepEqual(result, { value: 9, tier: "l3", failures: ["cache:error"] });
    assert.equal(w.metrics.count("test", "error", "l2"), 1);
    await lookup.flush();
    assert.equal(w.calls.l2Writes, 0);
  });

  it("gives L2 only part of the budget when it hangs, so L3 still answers in time", async () => {
    const w = world();
    w.l3.set("k", 3);
    const lookup = new TieredLookup({
      ...w.options,
      l2: { ...(w.options.l2 as NonNullable<typeof w.options.l2>), read: () => new Promise(() => {}) },
    });
    const started = performance.now();
    const result = await lookup.load("k", 80);
    const took = performance.now() - started;
    assert.deepEqual(result, { value: 3, tier: "l3", failures: ["cache:timeout"] });
    assert.ok(took < 80 + 20, `answered in ${took.toFixed(0)} ms`);
  });

  it("reports both failures when every tier fails, and does not remember the miss", async () => {
    const w = world();
    w.failing.l2 = true;
    w.failing.l3 = true;
    const lookup = new TieredLookup({ ...w.options, rememberMisses: true });
    const result = await lookup.load("k", 100);
    assert.deepEqual(result, { value: undefined, tier: "none", failures: ["cache:error", "bulk:error"] });
    w.failing.l2 = false;
    w.failing.l3 = false;
    w.l3.set("k", 1);
    assert.equal((await lookup.load("k", 100)).value, 1, "a failure is not an absence");
  });

  it("remembers a definite miss in L1 when asked to, until the TTL", async () => {
    const w = world();
    const lookup = new TieredLookup({ ...w.options, rememberMisses: true });
    await lookup.load("none", 100);
    await lookup.load("none", 100);
    assert.equal(w.calls.l3, 1);
    w.clock.advance(500);
    await lookup.load("none", 100);
    assert.equal(w.calls.l3, 2);
  });

  it("counts a failed fill and keeps the answer", async () => {
    const w = world();
    w.l3.set("k", 2);
    const l2 = w.options.l2 as NonNullable<typeof w.options.l2>;
    const lookup = new TieredLookup({
      ...w.options,
      l2: {
        ...l2,
        write: async () => {
          throw new Error("read-only replica");
        },
      },
    });
    assert.equal((await lookup.load("k", 100)).value, 2);
    await lookup.flush();
    assert.equal(w.metrics.count("test", "fill_error", "l2"), 1);
  });

  it("loads many keys with one call per tier, in the order asked", async () => {
    const w = world();
    const lookup = new TieredLookup(w.options);
    w.l2.set("b", "2");
    w.l3.set("c", 3);
    await lookup.load("a", 100).then(() => undefined);
    w.l3.set("a", 1);
    const results = await lookup.loadMany(["c", "b", "a", "x", "b"], 100);
    assert.deepEqual(
      results.map((r) => [r.value, r.tier]),
      [
        [3, "l3"],
        [2, "l2"],
        [1, "l3"],
        [undefined, "none"],
        [2, "l2"],
      ],
    );
    assert.equal(w.calls.l2, 2, "one L2 call for the batch (after the first single load)");
    assert.equal(w.calls.l3, 2);
  });

  it("forgets a key in L1", async () => {
    const w = world();
    w.l3.set("k", 1);
    const lookup = new TieredLookup(w.options);
    await lookup.load("k", 100);
    await lookup.flush();
    lookup.forget("k");
    assert.equal((await lookup.load("k", 100)).tier, "l2");
  });
});
