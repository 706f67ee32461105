import assert from "node:assert/strict";
import { decodeHistoryEntry, FEATURE_FIELDS } from "../../core/user-state/index.ts";
import { cacheKeys, type RatingEvent } from "../../schemas/index.ts";
import { type NearlineDataset, produceEvents, ratingEvent } from "./nearline-dataset.ts";
import { expectedState } from "./nearline-expected.ts";
import { clickEvent, only, ratingsOf, storedEvents, T0 } from "./nearline-fixtures.ts";
import { counterValue, type NearlineProfile, waitForDrain } from "./nearline-harness.ts";
import { inWorld } from "./nearline-scenarios.ts";
import { assertStateMatches } from "./nearline-state-check.ts";

/**
 * Scenario 3: the same event produced twice in one batch and again in a later batch is applied once: counters,
 * history, graph weight and user vectors are those of one copy; the BulkStore keeps one raw event.
 */
export async function duplicatesApplyOnce(profile: NearlineProfile, data: NearlineDataset): Promise<void> {
  await inWorld(profile, data, async (world) => {
    const member = await world.startMember();
    const { eventLog } = world.stores;
    const ratings = ratingsOf("d1", data, [4.5, 5, 2]);
    const [a, b, e] = ratings.map(ratingEvent) as [RatingEvent, RatingEvent, RatingEvent];
    const click = clickEvent("d2", a.itemId, T0, "c-d2");
    await produceEvents(eventLog, [a, b, a, e, click, click]);
    await waitForDrain(world.stores, 60_000, member.log);
    await produceEvents(eventLog, [a, b, click]);
    await waitForDrain(world.stores, 60_000, member.log);
    await assertStateMatches(world.stores.cache, expectedState(only(data, ratings), world.settings));
    const keys = cacheKeys();
    const history = await world.stores.cache.lrange(keys.userHistory("d2"), 0, -1);
    assert.deepEqual(history.map(decodeHistoryEntry), [
      { eventId: "c-d2", type: "click", itemId: a.itemId, timestamp: T0 },
    ]);
    const clicks = await world.stores.cache.hget(keys.userFeatures("d2"), FEATURE_FIELDS.clicks);
    assert.equal(clicks, "1");
    assert.equal(await counterValue(member.metrics.events, { outcome: "applied" }), 4);
    assert.equal(await counterValue(member.metrics.events, { outcome: "duplicate" }), 5);
    assert.deepEqual(await storedEvents(world, "d1"), [a.eventId, b.eventId, e.eventId].sort());
    assert.deepEqual(await storedEvents(world, "d2"), ["c-d2"]);
  });
}

/**
 * Scenario 3, continued: a duplicate that arrives after more than `historySize` newer events of its user (a
 * producer that re-sends a large batch, or the data set produced twice) must still be applied once
 * (docs/reliability.md: "Duplicate eventId: accepted, applied once").
 */
export async function staleDuplicateAppliedOnce(
  profile: NearlineProfile,
  data: NearlineDataset,
): Promise<void> {
  await inWorld(profile, data, async (world) => {
    const member = await world.startMember();
    const stars = Array.from({ length: world.settings.historySize + 20 }, (_, i) => (i % 3 === 0 ? 2 : 4));
    const ratings = ratingsOf("d3", data, stars);
    await produceEvents(world.stores.eventLog, ratings.map(ratingEvent));
    await waitForDrain(world.stores, 60_000, member.log);
    await produceEvents(world.stores.eventLog, [ratingEvent(ratings[0] as (typeof ratings)[0])]);
    await waitForDrain(world.stores, 60_000, member.log);
    await assertStateMatches(world.stores.cache, expectedState(only(data, ratings), world.settings));
    assert.equal(await counterValue(member.metrics.events, { outcome: "duplicate" }), 1);
  });
}
