import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../core/clock.ts";
import { UnavailableError } from "../../core/errors.ts";
import { silentLogger } from "../../core/logger.ts";
import type { BulkStore, ControlStore, EventLog, FeatureCache } from "../../core/ports/index.ts";
import { TOPICS } from "../../schemas/index.ts";
import { createApp } from "../app.ts";

const NOW = Date.UTC(2024, 5, 1);
const DEADLINE_MS = 100;
const rating = { type: "rating", userId: "u1", itemId: "i1", rating: 3, timestamp: NOW - 1000 };

/** The app with stores the event route never touches and a stand-in log (a broker outage). */
function appWith(eventLog: EventLog | undefined) {
  return createApp({
    bulk: {} as BulkStore,
    control: {} as ControlStore,
    cache: {} as FeatureCache,
    logger: silentLogger,
    bodyLimitBytes: 64 * 1024,
    clock: new ManualClock(NOW),
    newId: () => "assigned",
    ...(eventLog ? { eventLog, ingest: { maxBatch: 5, deadlineMs: DEADLINE_MS } } : {}),
  });
}

async function post(eventLog: EventLog | undefined, body: unknown) {
  const response = await appWith(eventLog).request("/api/v1/events", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

describe("POST /api/v1/events when the log does not acknowledge", () => {
  it("answers 503 with Retry-After and per-event statuses within the deadline", async () => {
    const hanging = { produce: () => new Promise(() => {}) } as unknown as EventLog;
    const started = performance.now();
    const { response, body } = await post(hanging, { events: [rating, { ...rating, rating: 9 }] });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < DEADLINE_MS + 300, `took ${elapsed} ms`);
    assert.equal(response.status, 503);
    assert.equal(response.headers.get("retry-after"), "1");
    assert.match(response.headers.get("content-type") ?? "", /application\/json/);
    assert.deepEqual([body.type, body.title, body.status], ["urn:starling:unavailable", "unavailable", 503]);
    assert.deepEqual([body.accepted, body.rejected, body.unavailable], [0, 1, 1]);
    const results = body.results as Record<string, unknown>[];
    assert.deepEqual(results[0], {
      index: 0,
      status: "unavailable",
      eventId: "assigned",
      topic: TOPICS.ratings,
    });
    assert.equal(results[1]?.status, "rejected");
  });

  it("answers 503 at once when produce rejects with a retriable error", async () => {
    const down = {
      produce: () => Promise.reject(new UnavailableError("broker down")),
    } as unknown as EventLog;
    const { response, body } = await post(down, rating);
    assert.equal(response.status, 503);
    assert.equal(response.headers.get("retry-after"), "1");
    assert.equal(body.title, "unavailable");
  });

  it("does not mount the route without an event log", async () => {
    const { response } = await post(undefined, rating);
    assert.equal(response.status, 404);
  });
});
