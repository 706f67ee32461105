import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StarlingError, ValidationError } from "../../core/errors.ts";
import { EVENT_SCHEMA_VERSION } from "../../schemas/index.ts";
import { checkJsonContentType, parseJsonText, splitIngestBody, withDefaults } from "./parse-ingest-body.ts";

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof StarlingError, `expected a StarlingError, got ${error}`);
    return error.field;
  }
  assert.fail("expected an error");
}

describe("checkJsonContentType", () => {
  it("accepts application/json with or without a UTF-8 charset", () => {
    for (const type of ["application/json", "Application/JSON", "application/json; charset=utf-8"]) {
      assert.doesNotThrow(() => checkJsonContentType(type), type);
    }
    assert.doesNotThrow(() => checkJsonContentType('application/json;charset="UTF-8"'));
  });

  it("answers 415 for anything else, a missing header included", () => {
    for (const type of [undefined, "text/plain", "application/jsonx", "application/json; charset=latin1"]) {
      try {
        checkJsonContentType(type);
        assert.fail(`accepted ${type}`);
      } catch (error) {
        assert.ok(error instanceof StarlingError);
        assert.equal(error.status, 415, String(type));
      }
    }
  });
});

describe("parseJsonText", () => {
  it("names (body) when the text is not JSON", () => {
    assert.equal(
      fieldOf(() => parseJsonText("{not json")),
      "(body)",
    );
    assert.equal(
      fieldOf(() => parseJsonText("")),
      "(body)",
    );
    assert.deepEqual(parseJsonText('{"a":1}'), { a: 1 });
  });
});

describe("splitIngestBody", () => {
  it("takes a bare object as one event and { events } as a batch", () => {
    assert.deepEqual(splitIngestBody({ type: "rating" }, 10), { batch: false, events: [{ type: "rating" }] });
    assert.deepEqual(splitIngestBody({ events: [1, 2] }, 10), { batch: true, events: [1, 2] });
  });

  it("names events when the batch is empty, not an array or too long", () => {
    for (const events of [[], "x", null, { 0: {} }, [1, 2, 3, 4]]) {
      const error = (() => {
        try {
          splitIngestBody({ events }, 3);
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error instanceof ValidationError, JSON.stringify(events));
      assert.equal(error.field, "events");
    }
  });

  it("refuses top-level values that are not objects, and fields beside events", () => {
    for (const body of [null, 7, "event", [{}], true]) {
      assert.equal(
        fieldOf(() => splitIngestBody(body, 3)),
        "(body)",
        JSON.stringify(body),
      );
    }
    assert.equal(
      fieldOf(() => splitIngestBody({ events: [{}], extra: 1 }, 3)),
      "extra",
    );
  });
});

describe("withDefaults", () => {
  it("fills a missing eventId and schemaVersion without changing the input", () => {
    const input = { type: "rating" };
    assert.deepEqual(
      withDefaults(input, () => "new-id"),
      { type: "rating", eventId: "new-id", schemaVersion: EVENT_SCHEMA_VERSION },
    );
    assert.deepEqual(input, { type: "rating" });
  });

  it("keeps values the client sent, wrong ones included", () => {
    const sent = { eventId: null, schemaVersion: 2 };
    assert.deepEqual(
      withDefaults(sent, () => "new-id"),
      sent,
    );
    assert.equal(
      withDefaults(7, () => "new-id"),
      7,
    );
  });
});
