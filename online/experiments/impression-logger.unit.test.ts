import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../core/clock.ts";
import { ConfigError } from "../../core/errors.ts";
import { silentLogger } from "../../core/logger.ts";
import type { EventLog, ProduceAck, ProduceRecord } from "../../core/ports/event-log.ts";
import { impressionEventSchema, MAX_IMPRESSION_ITEMS, TOPICS } from "../../schemas/index.ts";
import { directGuard } from "../resilience/types.ts";
import { createImpressionLogger, impressionEvent, type ServedList } from "./impression-logger.ts";

const NOW = Date.UTC(2024, 5, 1);
const stamp = { eventId: "e1", timestamp: NOW };
const list = (over: Partial<ServedList> = {}): ServedList => ({
  requestId: "r1",
  userId: "u1",
  itemIds: ["i3", "i1", "i2"],
  modelVersion: "v7",
  experiment: { id: "exp", arm: "treatment" },
  ...over,
});

type Produce = (topic: string, records: readonly ProduceRecord[]) => Promise<ProduceAck[]>;
const ackAll: Produce = async (_topic, records) => records.map((_, offset) => ({ partition: 0, offset }));

/** A stand-in log recording produce calls; only `produce` is used by the logger. */
function loggerWith(produce: Produce, options = { maxInFlight: 100, timeoutMs: 50 }) {
  const calls: { topic: string; records: readonly ProduceRecord[] }[] = [];
  const eventLog = {
    produce: (topic: string, records: readonly ProduceRecord[]) => {
      calls.push({ topic, records });
      return produce(topic, records);
    },
  } as unknown as EventLog;
  let next = 0;
  const deps = {
    eventLog,
    guard: directGuard,
    clock: new ManualClock(NOW),
    newId: () => `e${++next}`,
    logger: silentLogger,
  };
  return { impressions: createImpressionLogger(deps, options), calls };
}

describe("impressionEvent", () => {
  it("builds a valid impression: positions in served order, arm as <experiment>:<arm>", () => {
    const event = impressionEvent(list(), stamp);
    assert.deepEqual(event, {
      eventId: "e1",
      schemaVersion: 1,
      type: "impression",
      userId: "u1",
      timestamp: NOW,
      requestId: "r1",
      items: [
        { itemId: "i3", position: 0 },
        { itemId: "i1", position: 1 },
        { itemId: "i2", position: 2 },
      ],
      modelVersion: "v7",
      experimentArm: "exp:treatment",
    });
    assert.equal(impressionEventSchema.safeParse(event).success, true);
  });

  it("leaves out an arm or model version that is not a valid id, and keeps the impression", () => {
    const event = impressionEvent(
      list({ experiment: { id: "e".repeat(40), arm: "a".repeat(40) }, modelVersion: "bad version" }),
      stamp,
    );
    assert.equal(event?.experimentArm, undefined);
    assert.equal(event?.modelVersion, undefined);
    assert.equal(impressionEvent(list({ experiment: null, modelVersion: null }), stamp)?.items.length, 3);
  });

  it("keeps at most the schema's number of items", () => {
    const itemIds = Array.from({ length: MAX_IMPRESSION_ITEMS + 10 }, (_, i) => `i${i}`);
    assert.equal(impressionEvent(list({ itemIds }), stamp)?.items.length, MAX_IMPRESSION_ITEMS);
  });

  it("makes no event of an empty list or an invalid user id", () => {
    assert.equal(impressionEvent(list({ itemIds: [] }), stamp), null);
    assert.equal(impressionEvent(list({ userId: "no/slash" }), stamp), null);
  });
});

describe("createImpressionLogger", () => {
  it("returns at once and produces the turn's impressions in one call, keyed by user", async () => {
    const { impressions, calls } = loggerWith(ackAll);
    impressions.log(list({ userId: "u1" }));
    impressions.log(list({ userId: "u2", requestId: "r2" }));
    assert.equal(calls.length, 0, "nothing is produced inside the request");
    assert.equal(impressions.counts().inFlight, 2);
    await impressions.flush();
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.topic, TOPICS.impressions);
    assert.deepEqual(
      calls[0]?.records.map((r) => [
        r.key,
        r.headers?.eventId,
        r.timestamp,
        JSON.parse(r.value ?? "{}").requestId,
      ]),
      [
        ["u1", "e1", NOW, "r1"],
        ["u2", "e2", NOW, "r2"],
      ],
    );
    assert.deepEqual(impressions.counts(), { produced: 2, dropped: 0, failed: 0, invalid: 0, inFlight: 0 });
  });

  it("drops and counts impressions beyond maxInFlight", async () => {
    let release: () => void = () => {};
    const held: Produce = (topic, records) =>
      new Promise((resolve) => {
        release = () => resolve(ackAll(topic, records));
      });
    const { impressions } = loggerWith(held, { maxInFlight: 3, timeoutMs: 5000 });
    for (let i = 0; i < 5; i++) impressions.log(list({ requestId: `r${i}` }));
    assert.deepEqual(impressions.counts(), { produced: 0, dropped: 2, failed: 0, invalid: 0, inFlight: 3 });
    await new Promise<void>((resolve) => setImmediate(resolve));
    impressions.log(list());
    assert.equal(impressions.counts().dropped, 3, "records in a produce call still count as in flight");
    release();
    await impressions.flush();
    assert.deepEqual(impressions.counts(), { produced: 3, dropped: 3, failed: 0, invalid: 0, inFlight: 0 });
  });

  it("counts failed and timed-out produces without throwing or leaving unhandled rejections", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const failing = loggerWith(() => Promise.reject(new Error("broker down")));
      failing.impressions.log(list());
      await failing.impressions.flush();
      assert.equal(failing.impressions.counts().failed, 1);
      const late: Produce = () => new Promise((_, reject) => setTimeout(() => reject(new Error("late")), 40));
      const hanging = loggerWith(late, { maxInFlight: 10, timeoutMs: 5 });
      hanging.impressions.log(list());
      hanging.impressions.log(list());
      await hanging.impressions.flush();
      assert.equal(hanging.impressions.counts().failed, 2);
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("counts a list that makes no valid event as invalid and produces nothing", async () => {
    const { impressions, calls } = loggerWith(ackAll);
    impressions.log(list({ requestId: "" }));
    impressions.log(list({ itemIds: [] }));
    await impressions.flush();
    assert.equal(calls.length, 0);
    assert.equal(impressions.counts().invalid, 1);
  });

  it("splits a large turn into batches of maxBatch", async () => {
    const calls: number[] = [];
    const eventLog = {
      produce: async (_topic: string, records: readonly ProduceRecord[]) => {
        calls.push(records.length);
        return ackAll("", records);
      },
    } as unknown as EventLog;
    const deps = {
      eventLog,
      guard: directGuard,
      clock: new ManualClock(NOW),
      newId: () => "e",
      logger: silentLogger,
    };
    const impressions = createImpressionLogger(deps, { maxInFlight: 100, maxBatch: 4, timeoutMs: 50 });
    for (let i = 0; i < 10; i++) impressions.log(list());
    await impressions.flush();
    assert.deepEqual(calls, [4, 4, 2]);
  });

  it("refuses unusable options", () => {
    const deps = {
      eventLog: {} as EventLog,
      guard: directGuard,
      clock: new ManualClock(NOW),
      newId: () => "e",
      logger: silentLogger,
    };
    assert.throws(() => createImpressionLogger(deps, { maxInFlight: 0, timeoutMs: 10 }), ConfigError);
    assert.throws(
      () => createImpressionLogger(deps, { maxInFlight: 1, maxBatch: 0, timeoutMs: 10 }),
      ConfigError,
    );
    assert.throws(() => createImpressionLogger(deps, { maxInFlight: 1, timeoutMs: 0 }), ConfigError);
  });
});
