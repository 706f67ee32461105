import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LogRecord } from "../../core/ports/index.ts";
import { type RatingEvent, TOPICS } from "../../schemas/index.ts";
import { deadLetterRecord, decodeRecords, MAX_EVENT_BYTES } from "./decode-records.ts";

const NOW = Date.UTC(2026, 0, 1);
const valid: RatingEvent = {
  eventId: "e1",
  schemaVersion: 1,
  type: "rating",
  userId: "u1",
  itemId: "m1",
  rating: 4,
  timestamp: NOW - 1000,
};
let offset = 0;

function record(value: string | null, overrides: Partial<LogRecord> = {}): LogRecord {
  return {
    topic: TOPICS.ratings,
    partition: 2,
    offset: offset++,
    key: "u1",
    value,
    timestamp: NOW,
    headers: {},
    ...overrides,
  };
}

const json = (fields: Record<string, unknown>) => JSON.stringify({ ...valid, ...fields });

describe("decodeRecords", () => {
  it("keeps valid events in order and names the reason of every bad record, without throwing", () => {
    const records = [
      record(JSON.stringify(valid)),
      record(null),
      record("{not json"),
      record(json({ rating: "5" })),
      record(json({ timestamp: NOW + 3_600_000 })),
      record(json({ type: "click", rating: undefined })),
      record(json({ userId: "u2" })),
      record(json({ eventId: "e2" })),
    ];
    const batch = decodeRecords(records, NOW);
    assert.deepEqual(
      batch.events.map((e) => [e.record.offset, e.event.eventId]),
      [
        [records[0]?.offset, "e1"],
        [records[7]?.offset, "e2"],
      ],
    );
    assert.deepEqual(
      batch.dead.map((d) => d.reason),
      ["empty_value", "not_json", "invalid_event", "invalid_event", "wrong_topic", "key_mismatch"],
    );
    assert.equal(batch.dead[2]?.errors[0]?.field, "rating", "a string rating is not coerced");
    assert.equal(batch.dead[3]?.errors[0]?.field, "timestamp", "far-future event time");
  });

  it("dead-letters a value over the limit unread, even when it is a valid event", () => {
    const padded = json({ eventId: "big" }).replace("{", `{${" ".repeat(MAX_EVENT_BYTES)}`);
    assert.ok(JSON.parse(padded));
    const batch = decodeRecords([record(padded)], NOW);
    assert.deepEqual(batch.events, []);
    assert.equal(batch.dead[0]?.reason, "too_large");
  });
});

describe("deadLetterRecord", () => {
  it("carries origin, reason, errors, time and the value, keyed and headed by the reason", () => {
    const bad = record("{not json", { offset: 41, key: "u7" });
    const [letter] = decodeRecords([bad], NOW).dead;
    const produced = deadLetterRecord(letter as NonNullable<typeof letter>, NOW + 5);
    assert.equal(produced.key, "u7");
    assert.deepEqual(produced.headers, { reason: "not_json" });
    assert.deepEqual(JSON.parse(produced.value as string), {
      reason: "not_json",
      errors: [{ field: "(event)", message: "not valid JSON" }],
      origin: { topic: TOPICS.ratings, partition: 2, offset: 41, key: "u7" },
      recordTimestamp: NOW,
      failedAt: NOW + 5,
      value: "{not json",
      truncated: false,
    });
  });

  it("keeps only the start of a huge value, and says so", () => {
    const [letter] = decodeRecords([record("x".repeat(2 * 1024 * 1024))], NOW).dead;
    const body = JSON.parse(deadLetterRecord(letter as NonNullable<typeof letter>, NOW).value as string);
    assert.equal(body.reason, "too_large");
    assert.equal(body.truncated, true);
    assert.equal(body.value.length, 16 * 1024);
  });

  it("keeps a null value as null", () => {
    const [letter] = decodeRecords([record(null)], NOW).dead;
    const body = JSON.parse(deadLetterRecord(letter as NonNullable<typeof letter>, NOW).value as string);
    assert.equal(body.value, null);
    assert.equal(body.truncated, false);
  });
});
