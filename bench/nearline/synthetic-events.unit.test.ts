import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateEvent } from "../../schemas/index.ts";
import { syntheticCatalogue, syntheticEvents, syntheticVectors } from "./synthetic-events.ts";

const shape = { users: 50, items: 40, clickShare: 0.2, seed: 3 };
const NOW = Date.UTC(2026, 10, 28, 12);

describe("syntheticEvents", () => {
  const events = [...syntheticEvents(shape, 2000, NOW)];

  it("makes events that pass validateEvent, with unique ids", () => {
    for (const event of events) {
      const result = validateEvent(JSON.parse(JSON.stringify(event)), { now: NOW });
      assert.ok(result.ok, JSON.stringify(result));
    }
    assert.equal(new Set(events.map((e) => e.eventId)).size, events.length);
  });

  it("puts times in strictly increasing order ending at endAt, so every user's events are in order", () => {
    for (let i = 1; i < events.length; i++) {
      assert.ok((events[i]?.timestamp as number) > (events[i - 1]?.timestamp as number));
    }
    assert.equal(events.at(-1)?.timestamp, NOW);
  });

  it("mixes clicks at about the asked share and keeps ids in range", () => {
    const clicks = events.filter((e) => e.type === "click").length;
    assert.ok(clicks > 300 && clicks < 500, `${clicks} clicks of 2000`);
    for (const e of events) {
      assert.ok(Number(e.userId.slice(1)) < shape.users);
      if (e.type !== "impression") assert.ok(Number(e.itemId.slice(1)) < shape.items);
    }
  });

  it("is repeatable for a seed and different for another", () => {
    assert.deepEqual([...syntheticEvents(shape, 2000, NOW)], events);
    const other = [...syntheticEvents({ ...shape, seed: 4 }, 2000, NOW)];
    assert.notDeepEqual(other, events);
  });
});

describe("syntheticCatalogue and syntheticVectors", () => {
  it("gives every item one to three distinct genres", () => {
    const items = syntheticCatalogue(shape);
    assert.equal(items.length, shape.items);
    for (const item of items) {
      assert.ok(item.genres.length >= 1 && item.genres.length <= 3);
      assert.equal(new Set(item.genres).size, item.genres.length);
    }
  });

  it("makes vectors of the dimension in [-1, 1)", () => {
    const vectors = syntheticVectors(5, 64, 9);
    assert.equal(vectors.length, 5);
    for (const v of vectors) {
      assert.equal(v.length, 64);
      assert.ok(v.every((x) => x >= -1 && x < 1));
    }
  });
});
