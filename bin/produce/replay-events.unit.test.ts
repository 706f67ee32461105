import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Dataset, Rating } from "../../offline/data/types.ts";
import { validateEvent } from "../../schemas/validate-event.ts";
import { replayEventId, toRatingEvent } from "./event-ids.ts";
import { datasetEvents, sortRatings, timeOrderedEvents } from "./replay-events.ts";

const T0 = Date.UTC(2000, 0, 1);

function rating(userId: string, itemId: string, secondsAfter: number, stars = 4): Rating {
  return { userId, itemId, rating: stars, timestamp: T0 + secondsAfter * 1000 };
}

/** Many users with interleaved times, listed by user as MovieLens files are. */
function byUserRatings(users: number, perUser: number): Rating[] {
  const out: Rating[] = [];
  for (let u = 1; u <= users; u++) {
    for (let i = 0; i < perUser; i++)
      out.push(rating(String(u), String((u * 7 + i * 13) % 97), i * 37 + u * 5));
  }
  return out;
}

function memoryDataset(ratings: Rating[]): Dataset {
  return {
    format: "ml-latest",
    dir: "(memory)",
    movies: async function* () {},
    ratings: async function* () {
      yield* ratings;
    },
    reports: () => [],
  };
}

describe("sortRatings", () => {
  it("orders by time, then item id numerically, keeping file order for full ties", () => {
    const sorted = sortRatings([
      rating("1", "10", 5),
      rating("2", "9", 5),
      rating("3", "b", 1),
      rating("4", "a", 1),
      rating("5", "9", 5),
      rating("6", "1", 0),
    ]);
    assert.deepEqual(
      sorted.map((r) => r.userId),
      ["6", "4", "3", "2", "5", "1"],
    );
  });
});

describe("replay event ids", () => {
  it("are deterministic, name user, item and time, and match the ids of imported ratings", () => {
    const event = toRatingEvent(rating("12", "345", 0, 3.5));
    assert.equal(event.eventId, `r:12:345:${T0}`);
    assert.deepEqual(toRatingEvent(rating("12", "345", 0, 3.5)), event);
    assert.equal(validateEvent(event, { now: Date.now() }).ok, true);
  });

  it("fall back to a hash when user and item ids make the id too long", () => {
    const long = "u".repeat(40);
    const id = replayEventId("r", long, long, T0);
    assert.match(id, /^r-[0-9a-f]{40}$/);
    assert.equal(replayEventId("r", long, long, T0), id);
    assert.equal(replayEventId("c", long, long, T0), `c-${id.slice(2)}`);
  });
});

describe("timeOrderedEvents", () => {
  it("yields every rating once, in the sorted order, without clicks by default", () => {
    const sorted = sortRatings(byUserRatings(20, 15));
    const events = [...timeOrderedEvents(sorted)];
    assert.equal(events.length, 300);
    assert.deepEqual(
      events.map((e) => e.eventId),
      sorted.map((r) => toRatingEvent(r).eventId),
    );
  });

  it("merges clicks so the whole stream stays in time order and each click precedes its rating", () => {
    const sorted = sortRatings(byUserRatings(50, 40));
    const events = [...timeOrderedEvents(sorted, { probability: 0.5, seed: 3 })];
    for (let i = 1; i < events.length; i++) {
      assert.ok((events[i - 1]?.timestamp ?? 0) <= (events[i]?.timestamp ?? 0), `event ${i} out of order`);
    }
    const position = new Map(events.map((e, i) => [e.eventId, i]));
    const clicks = events.filter((e) => e.type === "click");
    assert.ok(clicks.length > 800 && clicks.length < 1200, `${clicks.length} clicks`);
    for (const click of clicks) {
      const rated = sorted.find((r) => r.userId === click.userId && r.itemId === click.itemId);
      assert.ok(rated);
      const ratingAt = position.get(toRatingEvent(rated).eventId) ?? -1;
      assert.ok((position.get(click.eventId) ?? Number.POSITIVE_INFINITY) < ratingAt);
    }
    for (const event of events) assert.equal(validateEvent(event, { now: Date.now() }).ok, true);
  });

  it("refuses ratings that are not sorted by time", () => {
    assert.throws(() => [...timeOrderedEvents([rating("1", "1", 10), rating("1", "2", 5)])], RangeError);
  });
});

describe("datasetEvents", () => {
  it("reads a data set listed by user and yields its events in time order", async () => {
    const events = [];
    for await (const event of datasetEvents(memoryDataset(byUserRatings(5, 4)))) events.push(event);
    assert.equal(events.length, 20);
    const times = events.map((e) => e.timestamp);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });
});
