import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../core/clock.ts";
import { silentLogger } from "../../core/logger.ts";
import type { EventLog } from "../../core/ports/event-log.ts";
import { createSqliteBulkStore } from "../../infra/embedded/bulk-store/index.ts";
import { createSqliteControlStore } from "../../infra/embedded/control-store/index.ts";
import { createFileEventLog } from "../../infra/embedded/event-log/index.ts";
import { readAll, withTempDir } from "../../infra/embedded/event-log/test-helpers.ts";
import { createInMemoryFeatureCache } from "../../infra/embedded/feature-cache/index.ts";
import { TOPICS } from "../../schemas/index.ts";
import { createApp } from "../app.ts";

const NOW = Date.UTC(2024, 5, 1);
const EVENT_TOPICS = [TOPICS.ratings, TOPICS.clicks, TOPICS.impressions];
type Fields = Record<string, unknown>;
const rating = (over: Fields = {}) => ({
  type: "rating",
  userId: "u1",
  itemId: "i1",
  rating: 4,
  timestamp: NOW - 1000,
  ...over,
});
const click = (over: Fields = {}) => ({
  type: "click",
  userId: "u2",
  itemId: "i2",
  timestamp: NOW - 500,
  ...over,
});

type Issue = { field: string; message: string };
type Body = Record<string, unknown> & {
  results?: (Record<string, unknown> & { errors?: Issue[] })[];
  issues?: Issue[];
};
type Post = (
  body: unknown,
  contentType?: string,
) => Promise<{ status: number; headers: Headers; body: Body }>;

function appWith(eventLog: EventLog) {
  const clock = new ManualClock(NOW);
  let next = 0;
  const bulk = createSqliteBulkStore({ path: ":memory:" });
  const control = createSqliteControlStore({ path: ":memory:" });
  const app = createApp({
    bulk,
    control,
    cache: createInMemoryFeatureCache({ maxEntries: 100, clock }),
    logger: silentLogger,
    bodyLimitBytes: 64 * 1024,
    clock,
    newId: () => `id-${++next}`,
    eventLog,
    ingest: { maxBatch: 3, deadlineMs: 200 },
  });
  const post: Post = async (body, contentType = "application/json") => {
    const response = await app.request("/api/v1/events", {
      method: "POST",
      headers: { "content-type": contentType },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
  };
  const close = () => Promise.all([bulk.close(), control.close()]);
  return { post, close };
}

/** A real embedded log in a temp dir, with the three event topics (2 partitions each) unless told not to. */
async function withLog(body: (log: EventLog, post: Post) => Promise<void>, topics = true): Promise<void> {
  await withTempDir(async (dir) => {
    const log = await createFileEventLog({ dir, clock: new ManualClock(NOW), logger: silentLogger });
    try {
      if (topics) await log.createTopics(EVENT_TOPICS.map((name) => ({ name, partitions: 2 })));
      const { post, close } = appWith(log);
      await body(log, post).finally(close);
    } finally {
      await log.close();
    }
  });
}

async function totalRecords(log: EventLog): Promise<number> {
  const ends = await Promise.all(EVENT_TOPICS.map((topic) => log.endOffsets(topic)));
  return ends.flat().reduce((sum, end) => sum + end, 0);
}

describe("POST /api/v1/events", () => {
  it("accepts a valid rating only once it is in the log, keyed by user, with an assigned eventId", async () => {
    await withLog(async (log, post) => {
      const { status, body } = await post(rating());
      assert.equal(status, 202);
      assert.equal(body.accepted, 1);
      assert.equal(body.rejected, 0);
      const result = body.results?.[0] ?? {};
      assert.deepEqual(
        [result.index, result.status, result.eventId, result.topic],
        [0, "accepted", "id-1", TOPICS.ratings],
      );
      const records = await readAll(log, TOPICS.ratings);
      assert.equal(records.length, 1);
      const record = records[0];
      assert.deepEqual(
        [record?.key, record?.partition, record?.offset, record?.timestamp, record?.headers.eventId],
        ["u1", result.partition, result.offset, NOW, "id-1"],
      );
      assert.deepEqual(JSON.parse(record?.value ?? "null"), {
        ...rating(),
        eventId: "id-1",
        schemaVersion: 1,
      });
    });
  });

  it("keeps an eventId the client provided", async () => {
    await withLog(async (log, post) => {
      const { status, body } = await post(rating({ eventId: "client-7" }));
      assert.equal(status, 202);
      assert.equal(body.results?.[0]?.eventId, "client-7");
      const [record] = await readAll(log, TOPICS.ratings);
      assert.equal(JSON.parse(record?.value ?? "null").eventId, "client-7");
    });
  });

  it("accepts the valid events of a mixed batch and names the fields of the invalid ones", async () => {
    await withLog(async (log, post) => {
      const { status, body } = await post({ events: [rating(), rating({ rating: 7 }), click()] });
      assert.equal(status, 202);
      assert.deepEqual([body.accepted, body.rejected], [2, 1]);
      assert.deepEqual(
        body.results?.map((r) => r.status),
        ["accepted", "rejected", "accepted"],
      );
      assert.equal(body.results?.[1]?.errors?.[0]?.field, "rating");
      assert.deepEqual(
        (await readAll(log, TOPICS.ratings)).map((r) => r.key),
        ["u1"],
      );
      assert.deepEqual(
        (await readAll(log, TOPICS.clicks)).map((r) => r.key),
        ["u2"],
      );
    });
  });

  it("answers 400 with per-event results when no event of a batch is valid", async () => {
    await withLog(async (log, post) => {
      const { status, body } = await post({ events: [rating({ rating: "5" }), 42] });
      assert.equal(status, 400);
      assert.equal(body.field, "events.0.rating");
      assert.deepEqual(
        body.results?.map((r) => r.status),
        ["rejected", "rejected"],
      );
      assert.equal(await totalRecords(log), 0);
    });
  });

  it("names the field of a single invalid event and writes nothing", async () => {
    await withLog(async (log, post) => {
      const cases: [unknown, string][] = [
        [rating({ rating: "5" }), "rating"],
        [rating({ color: "red" }), "color"],
        [rating({ userId: "__proto__" }), "userId"],
        [rating({ schemaVersion: 2 }), "schemaVersion"],
      ];
      for (const [event, field] of cases) {
        const { status, body } = await post(event);
        assert.equal(status, 400, field);
        assert.equal(body.field, field);
        assert.equal(body.issues?.[0]?.field, field);
      }
      assert.equal(await totalRecords(log), 0);
    });
  });

  it("refuses bad bodies: 415 for the content type, 400 for non-JSON and bad batch sizes", async () => {
    await withLog(async (log, post) => {
      assert.equal((await post(rating(), "text/plain")).status, 415);
      const notJson = await post("{oops", "application/json");
      assert.deepEqual([notJson.status, notJson.body.field], [400, "(body)"]);
      for (const events of [[], [rating(), rating(), rating(), rating()], "x"]) {
        const { status, body } = await post({ events });
        assert.deepEqual([status, body.field], [400, "events"]);
      }
      assert.equal((await post(rating(), "application/json; charset=utf-8")).status, 202);
      assert.equal(await totalRecords(log), 1);
    });
  });

  it("answers 503 as well when a topic was never created", async () => {
    await withLog(async (_log, post) => {
      const { status, headers, body } = await post(rating());
      assert.deepEqual([status, headers.get("retry-after"), body.title], [503, "1", "unavailable"]);
    }, false);
  });
});
