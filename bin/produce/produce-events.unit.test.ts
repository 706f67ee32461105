import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../core/clock.ts";
import { ValidationError } from "../../core/errors.ts";
import type { Rating } from "../../offline/data/types.ts";
import { TOPICS } from "../../schemas/topics.ts";
import { validateEvent } from "../../schemas/validate-event.ts";
import type { Sleep } from "./pacer.ts";
import { createEventTopics, produceEvents } from "./produce-events.ts";
import { formatSummary, type ProduceStats } from "./produce-progress.ts";
import { RecordingEventLog } from "./recording-event-log.ts";
import { sortRatings, timeOrderedEvents } from "./replay-events.ts";

const T0 = Date.UTC(2001, 0, 1);

function sortedRatings(users: number, perUser: number): Rating[] {
  const out: Rating[] = [];
  for (let u = 0; u < users; u++) {
    for (let i = 0; i < perUser; i++) {
      out.push({ userId: `u${u}`, itemId: String(i), rating: 3, timestamp: T0 + (i * users + u) * 10_000 });
    }
  }
  return sortRatings(out);
}

async function openLog(): Promise<RecordingEventLog> {
  const log = new RecordingEventLog();
  await createEventTopics(log, 4);
  return log;
}

function clockAndSleep(start: number): { clock: ManualClock; sleep: Sleep } {
  const clock = new ManualClock(start);
  return { clock, sleep: async (ms) => clock.advance(ms) };
}

describe("produceEvents", () => {
  it("produces each event to its topic, keyed by user, in time order per user, in chunks", async () => {
    const log = await openLog();
    const events = timeOrderedEvents(sortedRatings(30, 40), { probability: 0.5, seed: 2 });
    const stats = await produceEvents(log, events, { chunkSize: 100 });
    const ratings = log.values(TOPICS.ratings) as { userId: string; timestamp: number }[];
    const clicks = log.values(TOPICS.clicks);
    assert.equal(ratings.length, 1200);
    assert.equal(stats.acknowledged, 1200 + clicks.length);
    assert.deepEqual(stats.acknowledgedByType, { rating: 1200, click: clicks.length, impression: 0 });
    assert.ok(log.calls.every((call) => call.records.length <= 100));
    for (const call of log.calls) {
      for (const record of call.records) {
        const event = JSON.parse(record.value ?? "");
        assert.equal(record.key, event.userId);
        assert.equal(record.timestamp, undefined);
        assert.equal(validateEvent(event, { now: Date.now() }).ok, true);
      }
    }
    const lastSeen = new Map<string, number>();
    for (const event of ratings) {
      assert.ok(event.timestamp >= (lastSeen.get(event.userId) ?? 0));
      lastSeen.set(event.userId, event.timestamp);
    }
  });

  it("stops after the limit and restamps with the send time, never decreasing", async () => {
    const log = await openLog();
    const { clock, sleep } = clockAndSleep(Date.UTC(2024, 0, 1));
    const start = clock.now();
    const progress: number[] = [];
    const stats = await produceEvents(log, timeOrderedEvents(sortedRatings(10, 10)), {
      pacing: { kind: "rate", eventsPerSecond: 20 },
      limit: 45,
      restamp: true,
      clock,
      sleep,
      onProgress: (s) => progress.push(s.acknowledged),
    });
    const times = (log.values(TOPICS.ratings) as { timestamp: number }[]).map((e) => e.timestamp);
    assert.equal(stats.acknowledged, 45);
    assert.equal(times[0], start);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.equal(times.at(-1), start + 44 * 50);
    assert.equal(stats.elapsedMs, 44 * 50);
    assert.equal(progress.at(-1), 45);
    assert.match(
      formatSummary(stats),
      /^produced 45 events \(45 ratings, 0 clicks\) in 2\.2 s, 20 events\/s$/,
    );
  });

  it("stops on the signal after what was handed over, and says so", async () => {
    const log = await openLog();
    const { clock, sleep } = clockAndSleep(T0);
    const stop = new AbortController();
    let last: ProduceStats | undefined;
    const stats = await produceEvents(log, timeOrderedEvents(sortedRatings(10, 10)), {
      pacing: { kind: "rate", eventsPerSecond: 10 },
      clock,
      sleep,
      signal: stop.signal,
      onProgress: (s) => {
        last = s;
        if (s.acknowledged >= 5) stop.abort();
      },
    });
    assert.equal(stats.acknowledged, 5);
    assert.equal(stats.stopped, true);
    assert.equal(last, stats);
    assert.match(formatSummary(stats), /\(stopped early\)$/);
  });

  it("rejects with the log's error once a call fails, and counts only what was acknowledged", async () => {
    const log = await openLog();
    log.beforeAck = () => {
      if (log.calls.length > 2) throw new ValidationError("value too large");
    };
    let last: ProduceStats | undefined;
    const events = timeOrderedEvents(sortedRatings(10, 100));
    await assert.rejects(
      produceEvents(log, events, { chunkSize: 50, onProgress: (s) => (last = s) }),
      ValidationError,
    );
    assert.equal(last?.acknowledged, 100);
    assert.equal(log.calls.length, 3);
  });
});
