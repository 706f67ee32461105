import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { jsonSchemaFiles } from "./json-schema-files.ts";
import { decodeEvent, validateEvent } from "./validate-event.ts";

const now = Date.UTC(2026, 10, 1);
const rating = {
  eventId: "e-1",
  schemaVersion: 1,
  type: "rating",
  userId: "42",
  itemId: "318",
  rating: 4.5,
  timestamp: now - 1000,
};

function fieldOf(input: unknown): string | undefined {
  const result = validateEvent(input, { now });
  return result.ok ? undefined : result.issues[0]?.field;
}

describe("event schemas", () => {
  it("accepts a valid rating, click and impression", () => {
    assert.equal(validateEvent(rating, { now }).ok, true);
    assert.equal(
      validateEvent({ ...rating, type: "click", rating: undefined, position: 3 }, { now }).ok,
      false,
    );
    const { rating: _r, ...base } = rating;
    assert.equal(validateEvent({ ...base, type: "click", position: 3 }, { now }).ok, true);
    const { itemId: _i, ...noItem } = base;
    const impression = {
      ...noItem,
      type: "impression",
      requestId: "r1",
      items: [{ itemId: "1", position: 0 }],
    };
    assert.equal(validateEvent(impression, { now }).ok, true);
  });

  it("rejects wrong types without coercion, naming the field", () => {
    assert.equal(fieldOf({ ...rating, rating: "5" }), "rating");
    assert.equal(fieldOf({ ...rating, timestamp: String(rating.timestamp) }), "timestamp");
    assert.equal(fieldOf({ ...rating, userId: 42 }), "userId");
  });

  it("rejects out-of-range and non-finite ratings", () => {
    for (const bad of [0, 5.5, 3.3, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(fieldOf({ ...rating, rating: bad }), "rating", `rating ${bad}`);
    }
  });

  it("rejects bad ids: empty, too long, slash, control characters, __proto__", () => {
    for (const bad of ["", "x".repeat(65), "a/b", "a\nb", "__proto__", " lead"]) {
      assert.equal(fieldOf({ ...rating, userId: bad }), "userId", JSON.stringify(bad));
    }
  });

  it("rejects timestamps in seconds, negative, or in the future beyond the skew", () => {
    assert.equal(fieldOf({ ...rating, timestamp: Math.floor(now / 1000) }), "timestamp");
    assert.equal(fieldOf({ ...rating, timestamp: -5 }), "timestamp");
    assert.equal(fieldOf({ ...rating, timestamp: now + 60 * 60 * 1000 }), "timestamp");
    assert.equal(fieldOf({ ...rating, timestamp: now + 1000 }), undefined);
  });

  it("rejects unknown fields, unknown types and wrong schema versions", () => {
    assert.equal(fieldOf({ ...rating, extra: 1 }), "extra");
    assert.equal(fieldOf({ ...rating, type: "purchase" }), "type");
    assert.equal(fieldOf({ ...rating, schemaVersion: 2 }), "schemaVersion");
  });

  it("decodes JSON text and reports bad JSON and null values as issues", () => {
    assert.equal(decodeEvent(JSON.stringify(rating), { now }).ok, true);
    const bad = decodeEvent("{not json", { now });
    assert.equal(bad.ok, false);
    assert.equal(decodeEvent(null, { now }).ok, false);
  });

  it("committed JSON Schema files match the zod schemas (run npm run schemas:generate)", () => {
    for (const [name, text] of jsonSchemaFiles()) {
      const committed = readFileSync(new URL(`./json/${name}`, import.meta.url), "utf8");
      assert.equal(committed, text, `schemas/json/${name} is stale`);
    }
  });
});
