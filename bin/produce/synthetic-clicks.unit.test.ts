import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Rating } from "../../offline/data/types.ts";
import { EARLIEST_EVENT_MS } from "../../schemas/ids.ts";
import { createClickPlanner, MAX_CLICK_LEAD_MS, MIN_CLICK_LEAD_MS } from "./synthetic-clicks.ts";

const T0 = Date.UTC(2005, 5, 1);

function ratings(n: number): Rating[] {
  return Array.from({ length: n }, (_, i) => ({
    userId: String(i % 100),
    itemId: String(i),
    rating: 4,
    timestamp: T0 + i * 1000,
  }));
}

function plan(input: Rating[], probability: number, seed: number) {
  const planner = createClickPlanner({ probability, seed });
  return input.map((r) => planner(r));
}

describe("createClickPlanner", () => {
  it("clicks on about P of the ratings, 1 to 60 s before each, by the same user on the same item", () => {
    const input = ratings(20_000);
    const clicks = plan(input, 0.3, 1);
    const made = clicks.filter((c) => c !== undefined).length;
    assert.ok(Math.abs(made / input.length - 0.3) < 0.02, `click share ${made / input.length}`);
    clicks.forEach((click, i) => {
      if (!click) return;
      const rated = input[i] as Rating;
      const lead = rated.timestamp - click.timestamp;
      assert.ok(lead >= MIN_CLICK_LEAD_MS && lead <= MAX_CLICK_LEAD_MS, `lead ${lead}`);
      assert.equal(click.userId, rated.userId);
      assert.equal(click.itemId, rated.itemId);
      assert.equal(click.eventId, `c-${rated.userId}-${rated.itemId}-${click.timestamp}`);
    });
  });

  it("is seeded: the same seed gives the same clicks, another seed different ones", () => {
    const input = ratings(500);
    assert.deepEqual(plan(input, 0.5, 7), plan(input, 0.5, 7));
    assert.notDeepEqual(plan(input, 0.5, 7), plan(input, 0.5, 8));
  });

  it("makes none at 0 and one per rating at 1", () => {
    const input = ratings(300);
    assert.equal(plan(input, 0, 1).filter(Boolean).length, 0);
    assert.equal(plan(input, 1, 1).filter(Boolean).length, 300);
  });

  it("skips a click that would fall before the earliest valid event time", () => {
    const early = { userId: "1", itemId: "1", rating: 4, timestamp: EARLIEST_EVENT_MS };
    assert.equal(createClickPlanner({ probability: 1, seed: 1 })(early), undefined);
  });
});
