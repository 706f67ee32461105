import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ID_PATTERN } from "../../schemas/index.ts";
import { ratingEventId, ratingToRawEvent } from "./import-ratings.ts";

const now = Date.UTC(2026, 0, 1);
const base = { userId: "7", itemId: "318", rating: 4.5, timestamp: Date.UTC(2010, 5, 1) };

describe("ratings as raw events", () => {
  it("turns a valid rating into a schema-valid event with a stable id", () => {
    const event = ratingToRawEvent(base, now);
    assert.ok(event);
    assert.equal(event.eventId, `r:7:318:${base.timestamp}`);
    assert.deepEqual(JSON.parse(event.body), {
      ...base,
      eventId: event.eventId,
      schemaVersion: 1,
      type: "rating",
    });
  });

  it("hashes ids that would not fit the id rules, and stays stable", () => {
    const long = { ...base, userId: "u".repeat(40), itemId: "i".repeat(40) };
    const id = ratingEventId(long);
    assert.match(id, ID_PATTERN);
    assert.equal(id, ratingEventId({ ...long }));
    assert.notEqual(id, ratingEventId({ ...long, timestamp: long.timestamp + 1 }));
  });

  it("rejects what the event schema rejects", () => {
    for (const bad of [{ rating: 4.25 }, { timestamp: 0 }, { userId: "__proto__" }, { itemId: "a/b" }]) {
      assert.equal(ratingToRawEvent({ ...base, ...bad }, now), null, JSON.stringify(bad));
    }
  });
});
