import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../core/clock.ts";
import { createSchedule, DEFAULT_MAX_GAP_MS, type Pacing, pacedChunks, type Sleep } from "./pacer.ts";

/** A sleep that only moves the manual clock, recording each pause. */
function fakeSleep(clock: ManualClock, pauses: number[]): Sleep {
  return async (ms) => {
    pauses.push(ms);
    clock.advance(ms);
  };
}

/** Item i happens at `times[i]`; returns each chunk with the clock time it was released at. */
async function run(pacing: Pacing, times: number[], maxChunk = 500, signal?: AbortSignal) {
  const clock = new ManualClock(1_000_000);
  const pauses: number[] = [];
  const schedule = createSchedule(pacing);
  const released: { at: number; items: number[] }[] = [];
  const chunks = pacedChunks(times, {
    due: (t) => schedule(t),
    clock,
    sleep: fakeSleep(clock, pauses),
    maxChunk,
    tickMs: 50,
    ...(signal ? { signal } : {}),
  });
  for await (const items of chunks) released.push({ at: clock.now() - 1_000_000, items });
  return { released, pauses };
}

describe("createSchedule", () => {
  it("spaces events 1/N s apart at a fixed rate", () => {
    const due = createSchedule({ kind: "rate", eventsPerSecond: 4 });
    assert.deepEqual([0, 0, 0, 0, 0].map(due), [0, 250, 500, 750, 1000]);
  });

  it("divides the original spacing by the speed-up and caps long gaps", () => {
    const due = createSchedule({ kind: "speedup", factor: 10 });
    const day = 86_400_000;
    assert.deepEqual([5000, 6000, 6000, 6500, 6500 + day, 6500 + day + 100].map(due), [
      0,
      100,
      100,
      150,
      150 + DEFAULT_MAX_GAP_MS,
      160 + DEFAULT_MAX_GAP_MS,
    ]);
  });

  it("never goes back in time for an out-of-order event", () => {
    const due = createSchedule({ kind: "speedup", factor: 1, maxGapMs: 10_000 });
    assert.deepEqual([1000, 3000, 2000, 2500].map(due), [0, 2000, 2000, 2500]);
  });
});

describe("pacedChunks", () => {
  it("sends everything at once in full chunks when unpaced", async () => {
    const { released, pauses } = await run({ kind: "unpaced" }, new Array(1200).fill(0), 500);
    assert.deepEqual(
      released.map((c) => c.items.length),
      [500, 500, 200],
    );
    assert.deepEqual(pauses, []);
  });

  it("releases 10 events/s in small chunks on time, sleeping instead of spinning", async () => {
    const { released, pauses } = await run({ kind: "rate", eventsPerSecond: 10 }, new Array(25).fill(0));
    assert.equal(released.length, 25);
    assert.deepEqual(
      released.map((c) => c.at),
      Array.from({ length: 25 }, (_, i) => i * 100),
    );
    assert.equal(pauses.length, 24);
  });

  it("groups events due within one tick at high rates, keeping the average rate", async () => {
    const { released } = await run({ kind: "rate", eventsPerSecond: 10_000 }, new Array(10_000).fill(0));
    const sizes = released.map((c) => c.items.length);
    assert.ok(Math.max(...sizes) <= 500 && sizes.length === 20, `${sizes.length} chunks`);
    assert.equal(
      sizes.reduce((a, b) => a + b, 0),
      10_000,
    );
    const last = released.at(-1)?.at ?? 0;
    assert.equal(last, 950);
  });

  it("follows a sped-up original pace with gaps capped", async () => {
    const day = 86_400_000;
    const times = [0, 1000, 2000, 2000 + day, 2000 + day + 1000];
    const { released } = await run({ kind: "speedup", factor: 2, maxGapMs: 700 }, times);
    assert.deepEqual(
      released.map((c) => [c.at, c.items.length]),
      [
        [0, 1],
        [500, 1],
        [1000, 1],
        [1700, 1],
        [2200, 1],
      ],
    );
  });

  it("stops before the next chunk once aborted", async () => {
    const stop = new AbortController();
    const clock = new ManualClock(0);
    const schedule = createSchedule({ kind: "rate", eventsPerSecond: 1 });
    const seen: number[][] = [];
    const sleep: Sleep = async (ms) => {
      clock.advance(ms);
      if (clock.now() >= 3000) stop.abort();
    };
    const chunks = pacedChunks([1, 2, 3, 4, 5, 6], {
      due: () => schedule(0),
      clock,
      sleep,
      maxChunk: 10,
      tickMs: 50,
      signal: stop.signal,
    });
    for await (const chunk of chunks) seen.push(chunk);
    assert.deepEqual(seen, [[1], [2], [3]]);
  });
});
