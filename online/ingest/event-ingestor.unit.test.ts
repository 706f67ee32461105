import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../core/clock.ts";
import { ConfigError, StarlingError, UnavailableError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import type { EventLog, ProduceAck, ProduceRecord } from "../../core/ports/event-log.ts";
import { TOPICS } from "../../schemas/index.ts";
import { createEventIngestor } from "./event-ingestor.ts";

const NOW = Date.UTC(2024, 5, 1);
const rating = (over: Record<string, unknown> = {}) => ({
  type: "rating",
  userId: "u1",
  itemId: "i1",
  rating: 4.5,
  timestamp: NOW - 1000,
  ...over,
});
const click = (over: Record<string, unknown> = {}) => ({
  type: "click",
  userId: "u2",
  itemId: "i2",
  timestamp: NOW - 500,
  ...over,
});

type Produce = (topic: string, records: readonly ProduceRecord[]) => Promise<ProduceAck[]>;
const ackAll: Produce = async (_topic, records) => records.map((_, offset) => ({ partition: 0, offset }));
const never: Produce = () => new Promise<ProduceAck[]>(() => {});

/** A stand-in log that records produce calls; only `produce` is ever used by the ingestor. */
function stubLog(produce: Produce) {
  const calls: { topic: string; records: readonly ProduceRecord[] }[] = [];
  const log = {
    produce: (topic: string, records: readonly ProduceRecord[]) => {
      calls.push({ topic, records });
      return produce(topic, records);
    },
  } as unknown as EventLog;
  return { log, calls };
}

function recordingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, message, ...(fields ? { fields } : {}) });
    };
  const logger: Logger = {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: () => logger,
  };
  return { logger, lines };
}

function ingestorWith(produce: Produce, options = { maxBatch: 10, deadlineMs: 50 }) {
  const { log, calls } = stubLog(produce);
  const { logger, lines } = recordingLogger();
  let next = 0;
  const deps = { eventLog: log, clock: new ManualClock(NOW), newId: () => `id-${++next}`, logger };
  return { ingestor: createEventIngestor(deps, options), calls, lines };
}

describe("createEventIngestor", () => {
  it("produces once per topic in input order, keyed by user, stamped by the clock, eventId in a header", async () => {
    const { ingestor, calls } = ingestorWith(ackAll);
    const outcome = await ingestor.ingest({
      events: [rating(), click(), rating({ userId: "u3", eventId: "mine" })],
    });
    assert.equal(outcome.kind, "accepted");
    assert.deepEqual(
      calls.map((c) => c.topic),
      [TOPICS.ratings, TOPICS.clicks],
    );
    const ratings = calls[0]?.records ?? [];
    assert.deepEqual(
      ratings.map((r) => [r.key, r.headers?.eventId, r.timestamp]),
      [
        ["u1", "id-1", NOW],
        ["u3", "mine", NOW],
      ],
    );
    assert.deepEqual(JSON.parse(ratings[0]?.value ?? "null"), {
      ...rating(),
      eventId: "id-1",
      schemaVersion: 1,
    });
    assert.deepEqual(
      outcome.results.map((r) => (r.status === "accepted" ? [r.index, r.topic, r.offset] : r.status)),
      [
        [0, TOPICS.ratings, 0],
        [1, TOPICS.clicks, 0],
        [2, TOPICS.ratings, 1],
      ],
    );
  });

  it("produces nothing when no event is valid", async () => {
    const { ingestor, calls } = ingestorWith(ackAll);
    const outcome = await ingestor.ingest({
      events: [rating({ rating: "5" }), rating({ schemaVersion: 2 })],
    });
    assert.equal(outcome.kind, "invalid");
    assert.equal(calls.length, 0);
    assert.deepEqual(
      outcome.results.map((r) => (r.status === "rejected" ? r.errors[0]?.field : r.status)),
      ["rating", "schemaVersion"],
    );
  });

  it("answers unavailable at the deadline when produce never settles", async () => {
    const { ingestor, lines } = ingestorWith(never);
    const started = performance.now();
    const outcome = await ingestor.ingest(rating());
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 45 && elapsed < 50 + 200, `took ${elapsed} ms`);
    assert.equal(outcome.kind, "unavailable");
    assert.deepEqual(outcome.results, [
      { index: 0, status: "unavailable", eventId: "id-1", topic: TOPICS.ratings },
    ]);
    assert.equal(lines[0]?.level, "warn");
  });

  it("reports the acknowledged topic as accepted when another topic hangs", async () => {
    const { ingestor } = ingestorWith((topic, records) =>
      topic === TOPICS.ratings ? ackAll(topic, records) : never(topic, records),
    );
    const outcome = await ingestor.ingest({ events: [click(), rating()] });
    assert.equal(outcome.kind, "unavailable");
    assert.deepEqual(
      outcome.results.map((r) => r.status),
      ["unavailable", "accepted"],
    );
    assert.equal(outcome.accepted, 1);
    assert.equal(outcome.unavailable, 1);
  });

  it("turns a retriable failure into unavailable with a warning", async () => {
    const { ingestor, lines } = ingestorWith(() => Promise.reject(new UnavailableError("broker down")));
    const outcome = await ingestor.ingest(rating());
    assert.equal(outcome.kind, "unavailable");
    assert.deepEqual(
      lines.map((l) => [l.level, l.fields?.code]),
      [["warn", "unavailable"]],
    );
  });

  it("logs a missing topic as an error, and a synchronous throw is caught too", async () => {
    const missing = new StarlingError("unknown topic", { code: "unknown_topic", status: 404 });
    const { ingestor, lines } = ingestorWith(() => {
      throw missing;
    });
    const outcome = await ingestor.ingest(rating());
    assert.equal(outcome.kind, "unavailable");
    assert.deepEqual(
      lines.map((l) => [l.level, l.fields?.code]),
      [["error", "unknown_topic"]],
    );
  });

  it("leaves no unhandled rejection when produce fails after the deadline", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    let failed = false;
    const late: Produce = () =>
      new Promise((_, reject) =>
        setTimeout(() => {
          failed = true;
          reject(new UnavailableError("too late"));
        }, 40),
      );
    try {
      const { ingestor } = ingestorWith(late, { maxBatch: 10, deadlineMs: 10 });
      assert.equal((await ingestor.ingest(rating())).kind, "unavailable");
      await waitFor(() => failed, { timeoutMs: 2000, message: "the late rejection" });
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("refuses unusable options at construction", () => {
    const { log } = stubLog(ackAll);
    const deps = { eventLog: log, clock: new ManualClock(NOW), newId: () => "x" };
    assert.throws(() => createEventIngestor(deps, { maxBatch: 0, deadlineMs: 10 }), ConfigError);
    assert.throws(() => createEventIngestor(deps, { maxBatch: 1, deadlineMs: 0 }), ConfigError);
  });
});
